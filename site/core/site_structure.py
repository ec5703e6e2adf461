"""The site's shape, read once: its root, its menu sections and its index pages.

The menu, the home page's "Na portalu" cards and the home sections' "all …" links all need
the same few pages. They are the same for every reader (public pages only), so they are
kept per request (core.request_memo) and shared between requests as fragments
(core.cache_tags) that "all" makes stale: a section's publish, move or removal bumps it
(core.page_cache_signals).
"""

from django.http.request import split_domain_port

from wagtail.models import Site

from core.cache_tags import fragment
from core.request_memo import remember

_wagtail_find_for_request = Site._find_for_request  # kept for the tests' comparison

# Wagtail's ranking of the sites that may answer a host (wagtail.models.sites).
_HOSTNAME_PORT, _HOSTNAME_DEFAULT, _DEFAULT, _HOSTNAME = range(4)


def _all_sites() -> list:
    """Every site with its root page: a handful of rows, shared as one fragment (a site
    saved or deleted bumps "all"). One fragment for all hosts, never one per Host
    header: a client cannot fill the cache by sending made-up hosts."""
    return fragment("sites", lambda: list(Site.objects.select_related("root_page")))


def _rank(site, hostname: str, port: int) -> int:
    if site.hostname == hostname:
        if site.port == port:
            return _HOSTNAME_PORT
        return _HOSTNAME_DEFAULT if site.is_default_site else _HOSTNAME
    return _DEFAULT


def site_for_host(sites, hostname: str, port: int):
    """Wagtail's `get_site_for_hostname` over SITES in memory: the exact host and port,
    else the host on the default site, else the only site with that host when the
    default site has another one, else the default site; None when none answers."""
    candidates = sorted(
        (site for site in sites if site.hostname == hostname or site.is_default_site),
        key=lambda site: _rank(site, hostname, port),
    )
    if not candidates:
        return None
    best = _rank(candidates[0], hostname, port)
    if len(candidates) == 1 or best in (_HOSTNAME_PORT, _HOSTNAME_DEFAULT):
        return candidates[0]
    if best == _DEFAULT:
        return candidates[len(candidates) == 2]
    return None


def _port(value):
    """The request's port as Site.port holds it: Django gives a string ("8000"), which
    Wagtail's query compares as a number and Python would never find equal to one."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None  # no site's port (Wagtail's query would fail on it)


def _find_for_request(request):
    """Site._find_for_request without its query: the request's host among the shared
    list of sites (Wagtail keeps the answer on the request)."""
    hostname = split_domain_port(request._get_raw_host())[0]  # as Wagtail: no host check
    return site_for_host(_all_sites(), hostname, _port(request.get_port()))


def install() -> None:
    Site._find_for_request = staticmethod(_find_for_request)


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
