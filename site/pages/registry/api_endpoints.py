"""The registry's endpoints of the API (/api/v2/ngos/, /grant-calls/,
/small-grant-offers/), found at start-up."""

from api.router import api_router
from pages.registry.api import GrantCallAPIViewSet, NGOAPIViewSet, SmallGrantOfferAPIViewSet

api_router.register_endpoint("ngos", NGOAPIViewSet)
api_router.register_endpoint("grant-calls", GrantCallAPIViewSet)
api_router.register_endpoint("small-grant-offers", SmallGrantOfferAPIViewSet)
