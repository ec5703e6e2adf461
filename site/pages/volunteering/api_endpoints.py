"""The volunteering endpoint of the API (/api/v2/volunteer-offers/), found at start-up."""

from api.router import api_router
from pages.volunteering.api import VolunteerOfferAPIViewSet

api_router.register_endpoint("volunteer-offers", VolunteerOfferAPIViewSet)
