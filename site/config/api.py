"""The one headless API router: every endpoint under /api/v2/ is registered here."""

from wagtail.api.v2.router import WagtailAPIRouter

from api.contact import ContactEndpoint
from api.views import PublicDocumentsAPIViewSet, PublicImagesAPIViewSet, PublicPagesAPIViewSet
from consultations.api import ConsultationsAPIViewSet
from registry.api import GrantCallAPIViewSet, NGOAPIViewSet, SmallGrantOfferAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("contact", ContactEndpoint)
# After "pages", so that detail_url of a consultation keeps pointing at /pages/<id>/.
api_router.register_endpoint("consultations", ConsultationsAPIViewSet)
api_router.register_endpoint("ngos", NGOAPIViewSet)
api_router.register_endpoint("grant-calls", GrantCallAPIViewSet)
api_router.register_endpoint("small-grant-offers", SmallGrantOfferAPIViewSet)
