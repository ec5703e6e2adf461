"""The local initiatives' endpoints of the API (/api/v2/local-initiative*/), found at start-up."""

from api.router import api_router
from pages.initiatives.api import InitiativesAPIViewSet, RulesAPIViewSet

api_router.register_endpoint("local-initiative-rules", RulesAPIViewSet)
api_router.register_endpoint("local-initiatives", InitiativesAPIViewSet)
