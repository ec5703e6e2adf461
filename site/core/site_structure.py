"""The site's shape, read once: its root, its menu sections and its index pages.

The menu, the home page's "Na portalu" cards and the home sections' "all …" links all need
the same few pages. They are the same for every reader (public pages only), so they are
kept per request (core.request_memo) and shared between requests as fragments
(core.cache_tags) that "all" makes stale: a section's publish, move or removal bumps it
(core.page_cache_signals).
"""

from wagtail.models import Site

from core.cache_tags import fragment
from core.request_memo import remember


def site_root(request):
    site = Site.find_for_request(request)  # Wagtail keeps it on the request
    return site.root_page if site else None


def _site_id(request):
    site = Site.find_for_request(request)
    return site.pk if site else None


def menu_sections(request, with_summary: bool = False) -> list[dict]:
    """Live, public children of the site root shown in menus, in tree order: id, path,
    title, url (relative to REQUEST's site) and, WITH_SUMMARY, summary (a query per type)."""

    def compute():
        root = site_root(request)
        if root is None:
            return []
        children = root.get_children().live().in_menu().public().order_by("path")
        if with_summary:
            children = children.specific()
        return [
            {
                "id": page.pk,
                "path": page.path,
                "title": page.title,
                "url": page.get_url(request),
                "summary": getattr(page, "summary", ""),
            }
            for page in children
        ]

    name = f"menu_sections:{_site_id(request)}:{int(with_summary)}"
    return remember(name, lambda: fragment(name, compute))


def first_index(request, model):
    """The site's first live, public page of MODEL (an index page) in tree order, or None."""

    def compute():
        root = site_root(request)
        if root is None:
            return None
        return model.objects.descendant_of(root).live().public().order_by("path").first()

    site_id = _site_id(request)
    label = model._meta.label_lower
    return remember(
        ("first_index", site_id, label),
        lambda: fragment(f"first_index:{site_id}:{label}", compute),
    )
