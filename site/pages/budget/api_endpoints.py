"""The budget's endpoints of the API (/api/v2/budget-*/), found at start-up."""

from api.router import api_router
from pages.budget.api import EditionsAPIViewSet, PoolsAPIViewSet, ProjectsAPIViewSet

api_router.register_endpoint("budget-editions", EditionsAPIViewSet)
api_router.register_endpoint("budget-pools", PoolsAPIViewSet)
api_router.register_endpoint("budget-projects", ProjectsAPIViewSet)
