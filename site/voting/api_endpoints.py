"""The voting's endpoint of the API (/api/v2/budget-results/), found at start-up."""

from api.router import api_router
from voting.api import ResultsAPIViewSet

api_router.register_endpoint("budget-results", ResultsAPIViewSet)
