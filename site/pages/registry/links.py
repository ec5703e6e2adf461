"""Where the registry's public pages are, so that pages and the API can link to the items
under them.

The two page types link to each other through these functions, so the pages are named
through the app registry (as `ForeignKey("registry.…")` names a model), not imported.
"""

from django.apps import apps

from core.site_structure import first_index_url


def _live_page_url(model_name: str, request) -> str | None:
    """The URL of the request's site's first live, public page of MODEL_NAME: a shared
    fragment (core.site_structure), stale like the other index pages."""
    return first_index_url(request, apps.get_model("registry", model_name))


def directory_url(request) -> str | None:
    """The URL of the published NGO directory (organisations' pages lie under it)."""
    return _live_page_url("NGODirectoryPage", request)


def grant_calls_url(request) -> str | None:
    """The URL of the published grant calls page (calls and offers lie under it)."""
    return _live_page_url("GrantCallIndexPage", request)


def offer_path(pk: int) -> str:
    """Where a small-grant offer lies under the grant calls page (its `offer_detail`
    route), e.g. "oferty/12/"."""
    return f"oferty/{pk}/"
