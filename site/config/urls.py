from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import AdminLoginView
from api.router import api_router
from core.collection_views import GuardedCollectionEdit, guarded_set_privacy
from core.health import health
from core.views import favicon

urlpatterns = [
    # Wagtail's login with the portal's lockout answer (429); before the admin's own URLs.
    path("admin/login/", AdminLoginView.as_view(), name="admin_login"),
    # Wagtail's collection editor and privacy dialog, guarded against opening a private
    # collection (moving it out, or removing or widening its restriction).
    path("admin/collections/<int:pk>/", require_admin_access(GuardedCollectionEdit.as_view())),
    path(
        "admin/collections/<int:collection_id>/privacy/",
        require_admin_access(guarded_set_privacy),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # /szukaj/ and /api/v2/search/: before the API router and Wagtail's page tree.
    path("", include("search.urls")),
    path("api/v2/", api_router.urls),
    path("api/", include("api.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    # Browsers ask for /favicon.ico on their own; the icon is an SVG among static files.
    path("favicon.ico", favicon, name="favicon"),
    # The load balancer's health check (JSON, never cached): docs/operations.md.
    path("health/", health, name="health"),
    path("", include("accounts.urls")),
    path("", include("pages.registry.urls")),
    path("", include("pages.budget.urls")),
    path("", include("voting.urls")),
    path("", include("pages.initiatives.urls")),
    path("", include("pages.volunteering.urls")),
    path("", include("pages.cao.urls")),
    path("", include("alerts.urls")),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
]

if settings.DEBUG:
    from django.views.static import serve

    # Images only: documents are served by Wagtail's view, which checks private
    # collections, never as plain files (not even on a developer's machine).
    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?:images|original_images)/.+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# A database that cannot be reached answers 503 with Retry-After, anything else 500.
handler500 = "core.views.server_error"

# Wagtail serves every other path from the page tree; it must stay last.
urlpatterns += [path("", include(wagtail_urls))]
