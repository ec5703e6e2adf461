"""The one router of the headless API: every endpoint under /api/v2/ is registered here.

This module registers the generic endpoints (pages of every type, images, documents,
the department's contact); every other app registers its own from its
`<app>/api_endpoints.py`, which `api.apps` imports at start-up (docs/conventions.md):

    from api.router import api_router
    api_router.register_endpoint("consultations", ConsultationsAPIViewSet)

`api` imports no app; the apps and the URLconf import this module.
"""

from wagtail.api.v2.router import WagtailAPIRouter

from api.contact import ContactEndpoint
from api.preview import PreviewEndpoint
from api.structure import BreadcrumbsEndpoint, NavigationEndpoint, RedirectsEndpoint
from api.views import PublicDocumentsAPIViewSet, PublicImagesAPIViewSet, PublicPagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
# "pages" first: a page type with an endpoint of its own (consultations) keeps its
# detail_url at /pages/<id>/, since Wagtail links a model to the first endpoint serving it.
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("contact", ContactEndpoint)
api_router.register_endpoint("navigation", NavigationEndpoint)
api_router.register_endpoint("breadcrumbs", BreadcrumbsEndpoint)
api_router.register_endpoint("redirects", RedirectsEndpoint)
api_router.register_endpoint("preview", PreviewEndpoint)
