from .answer import AgeGroup, VolunteerAnswer, VolunteerHours
from .index import VolunteeringIndexPage
from .offer import VolunteerOffer

__all__ = [
    "AgeGroup",
    "VolunteerAnswer",
    "VolunteerHours",
    "VolunteerOffer",
    "VolunteeringIndexPage",
]
