from .district import District
from .person import Person

__all__ = ["District", "Person"]
