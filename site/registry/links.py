"""Where the registry's public pages are, so that pages and the API can link to the items
under them."""


def directory_url(request) -> str | None:
    """The URL of the published NGO directory (organisations' pages lie under it)."""
    from registry.models import NGODirectoryPage

    page = NGODirectoryPage.objects.live().first()
    return page.get_url(request) if page else None


def grant_calls_url(request) -> str | None:
    """The URL of the published grant calls page (calls and offers lie under it)."""
    from registry.models import GrantCallIndexPage

    page = GrantCallIndexPage.objects.live().first()
    return page.get_url(request) if page else None


def offer_path(pk: int) -> str:
    """Where a small-grant offer lies under the grant calls page (its `offer_detail`
    route), e.g. "oferty/12/"."""
    return f"oferty/{pk}/"
