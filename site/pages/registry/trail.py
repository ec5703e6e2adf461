"""Breadcrumbs of an item shown by a routable page (an organisation, a call, an offer)."""

from wagtail.models import Page, Site


def item_trail(page: Page, request) -> list[Page]:
    """The pages from the site's home to PAGE inclusive, to link above the item's title."""
    site = Site.find_for_request(request)
    if site is None:
        return [page]
    return list(
        Page.objects.ancestor_of(page, inclusive=True)
        .filter(depth__gte=site.root_page.depth)
        .order_by("depth")
    )
