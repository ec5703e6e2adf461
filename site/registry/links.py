"""Where the registry's two public pages are, so each can link to the other's items."""


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
