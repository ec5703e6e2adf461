from .section import SectionPage

__all__ = ["SectionPage"]
