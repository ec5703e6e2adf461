"""Councils' endpoints of the API (/api/v2/councils/ …), found at start-up."""

from api.router import api_router
from pages.councils.api import (
    CouncilsAPIViewSet,
    MembersAPIViewSet,
    OsiedlaAPIViewSet,
    RecruitmentsAPIViewSet,
    ResolutionsAPIViewSet,
    SittingsAPIViewSet,
)

api_router.register_endpoint("councils", CouncilsAPIViewSet)
api_router.register_endpoint("council-members", MembersAPIViewSet)
api_router.register_endpoint("council-sittings", SittingsAPIViewSet)
api_router.register_endpoint("council-resolutions", ResolutionsAPIViewSet)
api_router.register_endpoint("council-recruitments", RecruitmentsAPIViewSet)
api_router.register_endpoint("osiedla", OsiedlaAPIViewSet)
