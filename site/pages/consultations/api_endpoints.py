"""The consultations' endpoint of the API (/api/v2/consultations/), found at start-up."""

from api.router import api_router
from pages.consultations.api import ConsultationsAPIViewSet

api_router.register_endpoint("consultations", ConsultationsAPIViewSet)
