"""The site's shape, read once: its sites, the route to a page, its menu sections and
its index pages.

The menu, the home page's "Na portalu" cards and the home sections' "all …" links all need
the same few pages. They are the same for every reader (public pages only), so they are
kept per request (core.request_memo) and shared between requests as fragments
(core.cache_tags) that "all" makes stale: a section's publish, move or removal bumps it
(core.page_cache_signals).

Routing a request to its page is Wagtail's `Page.route_for_request`, answered here in one
narrow query (`_route`) instead of two per path segment; what it read (the chain of the
page's ancestors) is noted in the request's memo for the privacy check.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.http.request import split_domain_port
from django.utils.functional import SimpleLazyObject

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from core import request_memo
from core.cache_tags import fragment
from core.request_memo import remember

_wagtail_find_for_request = Site._find_for_request  # kept for the tests' comparison
_wagtail_route_for_request = Page.route_for_request  # kept for the tests' comparison

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


class _Fallback(Exception):
    """A case the router does not answer as Wagtail would: Wagtail's own routing runs."""


# The columns routing needs: the tree, the slug, the page type, liveness, and the alias
# source for the privacy check (core.request_memo).
_ROUTE_COLUMNS = ("id", "path", "depth", "slug", "live", "content_type_id", "alias_of_id")


def _page_class(content_type_id):
    """The page type of a row (Django keeps content types in memory: no query)."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        raise _Fallback  # a type gone from the code: Wagtail returns the generic page
    return model


def _specific(row, parent=None):
    """The page of ROW as its own type (the one query for the routed page's fields).
    PARENT (a callable) becomes its cached parent, as Wagtail's route() leaves it
    (`_cached_parent_obj`), so that `get_parent()` costs no query for the tree but the
    parent's own row, and only when asked for."""
    page = _page_class(row["content_type_id"])._default_manager.get(id=row["id"])
    if parent is not None:
        page._cached_parent_obj = SimpleLazyObject(parent)
    return page


def _candidates(root, components) -> list[dict]:
    """In one query: the root's ancestors (for the privacy check) and every page that may
    lie on the path below the root: a descendant of it, at most len(COMPONENTS) levels
    down, whose slug is one of COMPONENTS."""
    steplen = Page.steplen
    above = [root.path[: steplen * depth] for depth in range(1, root.depth)]
    below = Q(
        path__startswith=root.path,
        depth__gt=root.depth,
        depth__lte=root.depth + len(components),
        slug__in=set(components),
    )
    query = below | Q(path__in=above) if above else below
    return list(Page.objects.filter(query).order_by().values(*_ROUTE_COLUMNS))


def _resolves(model, path_components) -> bool:
    """Whether a routable page of MODEL answers PATH_COMPONENTS with a route of its own
    (RoutablePageMixin.route tries them before the children)."""
    path = "/" + "".join(f"{component}/" for component in path_components)
    try:
        model.get_resolver().resolve(path)
    except Http404:  # Resolver404 is one
        return False
    return True


def _route(request, site, components):
    """Wagtail's `site.root_page.specific.route(request, components)` from one narrow
    query and one fetch of the page found: the chain is rebuilt in Python and each page
    on the way is asked, by its type, whether it answers the rest of the path itself.

    - a page whose type keeps Wagtail's `Page.route` passes the next component to its
      child of that slug (Http404 when there is none, or when the path ends at a page
      that is not live; a page not live on the way is passed through, as Wagtail does);
    - a RoutablePageMixin page that is live and has a route for the rest of the path
      answers it (its own `route()`, so the result is Wagtail's), else it is as above;
    - a page whose type overrides `route()` otherwise is handed the rest of the path
      (its own `route()`, as Wagtail's parent would call it).
    """
    root = site.root_page
    rows = _candidates(root, components) if components else []
    chain = [row for row in rows if row["depth"] < root.depth]
    children = {}
    for row in rows:
        if row["depth"] > root.depth:
            key = (row["path"][: -Page.steplen], row["slug"])
            if key in children:
                raise _Fallback  # two siblings share a slug: Wagtail's get() raises
            children[key] = row
    node = {
        "id": root.pk,
        "path": root.path,
        "live": root.live,
        "content_type_id": root.content_type_id,
        "alias_of_id": root.alias_of_id,
    }
    parent = None
    for position in range(len(components) + 1):
        chain.append(node)
        remaining = components[position:]
        model = _page_class(node["content_type_id"])
        if model.route is not Page.route and (
            model.route is not RoutablePageMixin.route
            or (node["live"] and _resolves(model, remaining))
        ):
            request_memo.note_route_chain(chain)
            return _page_of(node, parent, root).route(request, remaining)
        if not remaining:
            if not node["live"]:
                raise Http404
            request_memo.note_route_chain(chain)
            return RouteResult(_page_of(node, parent, root))
        child = children.get((node["path"], remaining[0]))
        if child is None:
            raise Http404
        parent, node = node, child
    raise AssertionError("unreachable: the loop returns at the path's end")


def _page_of(node, parent, root):
    if parent is None:
        return root.specific  # the site's root page, as Wagtail routes from it
    if parent["id"] == root.pk:
        return _specific(node, lambda: root.specific)
    return _specific(node, lambda: _specific(parent))


def _route_for_request(request, path):
    """Page.route_for_request (kept on the request as Wagtail keeps it) by `_route`;
    Wagtail's own with WAGTAIL_I18N_ENABLED (the root's translation for the language)
    and for the cases `_route` does not answer alike."""
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return _wagtail_route_for_request(request, path)
    if not hasattr(request, "_wagtail_route_for_request"):
        site = Site.find_for_request(request)
        components = [component for component in path.split("/") if component]
        try:
            result = _route(request, site, components) if site else None
        except Http404:
            result = None
        except _Fallback:
            return _wagtail_route_for_request(request, path)
        request._wagtail_route_for_request = result
    return request._wagtail_route_for_request


def install() -> None:
    Site._find_for_request = staticmethod(_find_for_request)
    Page.route_for_request = staticmethod(_route_for_request)


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


def _indexes(request, model):
    """The site's live, public pages of MODEL in tree order (None without a site)."""
    root = site_root(request)
    if root is None:
        return None
    return model.objects.descendant_of(root).live().public().order_by("path")


def first_index(request, model):
    """The site's first live, public page of MODEL (an index page) in tree order, or None."""

    def compute():
        pages = _indexes(request, model)
        return pages.first() if pages is not None else None

    site_id = _site_id(request)
    label = model._meta.label_lower
    return remember(
        ("first_index", site_id, label),
        lambda: fragment(f"first_index:{site_id}:{label}", compute),
    )


def first_index_url(request, model) -> str | None:
    """The URL of `first_index(request, MODEL)`, from a fragment of its row alone (id,
    path, depth, url_path): what links to an index page needs no instance of it."""
    if model.get_url_parts is not Page.get_url_parts:  # its URL may need its own fields
        page = first_index(request, model)
        return page.get_url(request) if page else None

    def compute():
        pages = _indexes(request, model)
        if pages is None:
            return None
        return pages.values("id", "path", "depth", "url_path").first()

    site_id = _site_id(request)
    label = model._meta.label_lower
    row = remember(
        ("first_index_row", site_id, label),
        lambda: fragment(f"first_index_row:{site_id}:{label}", compute),
    )
    return Page(**row).get_url(request) if row else None
