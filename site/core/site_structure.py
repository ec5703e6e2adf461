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

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.http.request import split_domain_port
from django.utils.functional import SimpleLazyObject

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.models.sites import SiteRootPath
from wagtail.url_routing import RouteResult

from core import prepared_queries, request_memo
from core.cache_tags import HARD, bump, fragment, page_tag, tagged_compute, tagged_entries
from core.request_memo import forget, remember

_wagtail_find_for_request = Site._find_for_request  # kept for the tests' comparison
_wagtail_route_for_request = Page.route_for_request  # kept for the tests' comparison
_wagtail_get_site_root_paths = Site.get_site_root_paths
_wagtail_clear_site_root_paths_cache = Site.clear_site_root_paths_cache

# Wagtail's ranking of the sites that may answer a host (wagtail.models.sites).
_HOSTNAME_PORT, _HOSTNAME_DEFAULT, _DEFAULT, _HOSTNAME = range(4)


_SITES_TAG = "sites"
_SITES = "sites"


def _all_sites() -> list:
    """Every site with its root page and the root's locale: a handful of rows, shared as
    one fragment (a site saved or deleted bumps "all", a site root saved "sites": Wagtail's
    clear_site_root_paths_cache, below). One fragment for all hosts, never one per Host
    header: a client cannot fill the cache by sending made-up hosts."""

    def compute():
        return list(Site.objects.select_related("root_page", "root_page__locale"))

    # Once per request: the request's own site and the site root paths both read them.
    return remember(_SITES, lambda: fragment("sites-with-locale", compute, tags=(_SITES_TAG,)))


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


# The columns routing needs: the tree, the slug, the page type, liveness, the alias source
# for the privacy check (core.request_memo), and what breadcrumbs show of the ancestors.
_ROUTE_COLUMNS = (
    "id",
    "path",
    "depth",
    "slug",
    "live",
    "content_type_id",
    "alias_of_id",
    "title",
    "url_path",
)

# How the page found answers the rest of the path: it is the page (Page.route), a route of
# its own (RoutablePageMixin), or its type's own route() is handed the rest.
_PAGE, _ROUTABLE, _OWN_ROUTE = "page", "routable", "own route"


def _page_class(content_type_id):
    """The page type of a row (Django keeps content types in memory: no query)."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        raise _Fallback  # a type gone from the code: Wagtail returns the generic page
    return model


def _specific(row):
    """The page of ROW as its own type (the one query for the routed page's fields)."""
    return _page_class(row["content_type_id"])._default_manager.get(id=row["id"])


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


def _walk(root, components):
    """Wagtail's `site.root_page.specific.route(request, components)` from one narrow
    query: the chain is rebuilt in Python and each page on the way is asked, by its type,
    whether it answers the rest of the path itself. Returns the chain read (rows of the
    root's ancestors, the root and the pages down to the one that answers, that one
    last), the rest of the path and how that page answers it (_PAGE, _ROUTABLE,
    _OWN_ROUTE); Http404 when none does.

    - a page whose type keeps Wagtail's `Page.route` passes the next component to its
      child of that slug (Http404 when there is none, or when the path ends at a page
      that is not live; a page not live on the way is passed through, as Wagtail does);
    - a RoutablePageMixin page that is live and has a route for the rest of the path
      answers it (its own `route()`, so the result is Wagtail's), else it is as above;
    - a page whose type overrides `route()` otherwise is handed the rest of the path
      (its own `route()`, as Wagtail's parent would call it).
    """
    rows = _candidates(root, components) if components else []
    chain = [row for row in rows if row["depth"] < root.depth]
    children = {}
    for row in rows:
        if row["depth"] > root.depth:
            key = (row["path"][: -Page.steplen], row["slug"])
            if key in children:
                raise _Fallback  # two siblings share a slug: Wagtail's get() raises
            children[key] = row
    node = {column: getattr(root, column) for column in _ROUTE_COLUMNS}
    for position in range(len(components) + 1):
        chain.append(node)
        remaining = components[position:]
        model = _page_class(node["content_type_id"])
        if model.route is not Page.route:
            if model.route is not RoutablePageMixin.route:
                return chain, remaining, _OWN_ROUTE
            if node["live"] and _resolves(model, remaining):
                return chain, remaining, _ROUTABLE
        if not remaining:
            if not node["live"]:
                raise Http404
            return chain, remaining, _PAGE
        child = children.get((node["path"], remaining[0]))
        if child is None:
            raise Http404
        node = child
    raise AssertionError("unreachable: the loop returns at the path's end")


_MAX_SHARED_DEPTH = 12


def _route_name(site, components) -> str:
    path = "/".join(components)
    # "route2": a private page's entry holds no page (`_withheld`), which a release before
    # it would take for a route found; it never reads these ("route:").
    return f"route2:{site.pk}:{hashlib.sha256(path.encode()).hexdigest()}"


def _found(site, components):
    """(chain, page, rest of the path, how it answers it) of `_walk`, the page as its own
    type without its parent, shared between requests (core.cache_tags) under the page's
    own address when it is the same for everyone: the chain's pages live, none an alias,
    the page without a draft, answering by itself or by a RoutablePageMixin route. A page
    at or below a restricted one is shared without itself and its titles (`_withheld`):
    a hit reads it and them in one query (`_restored`). A routable page's entry serves
    every path below its address that its routes take (a record's slug): one entry per
    page, so made-up slugs add none. One read asks for the entries of the path and of
    each of its prefixes; the longest that `_answers` the path as a walk would is used.
    Stale once a page on the chain is unpublished, moved, renamed or deleted, or privacy
    changes ("all", "hard"), or once one is published (its tag, read before the page's
    fields are: a child published bumps its ancestors' tags)."""
    root = site.root_page
    # A made-up path of thousands of segments would hash and read as many keys: deeper
    # than any page is, it is walked, never shared (no names: DEPEND is None then).
    names, shared, found = [], {}, None
    if len(components) <= _MAX_SHARED_DEPTH:
        names = [_route_name(site, components[:length]) for length in range(len(components) + 1)]
        shared, found = tagged_entries(names)
    for name in reversed(names):
        if name in shared:
            chain, page = shared[name][:2]
            answer = _answers(root, chain, components)
            if answer is None:
                continue
            if page is None:  # a private page's entry
                chain, page = _restored(chain)
            if page is not None:
                return chain, page, *answer

    def compute(depend):
        chain, remaining, how = _walk(root, components)
        sharing = depend is not None and _shareable(chain, how)
        private_paths = request_memo.restricted_paths() if sharing else []
        private = request_memo.is_private_path(chain[-1]["path"], private_paths)
        if private and chain[-1]["id"] == root.pk:
            sharing = False  # a private site root: its page is root.specific, not `_restored`
        if sharing:
            own_address = names[chain[-1]["depth"] - root.depth]
            tags = [HARD, *(page_tag(row["id"]) for row in chain)]
            # A private page's route is shared without the page and its titles: the
            # page is read afresh each time (`_restored`), never from a shared cache.
            stored = {"stored": (_withheld(chain, private_paths), None)} if private else {}
            depend(tags, store_as=own_address, **stored)
        node = chain[-1]
        page = root.specific if node["id"] == root.pk else _specific(node)
        if sharing and not private and page.has_unpublished_changes:
            depend(None)  # a draft saved bumps no tag: not kept while one is pending
        return chain, page, remaining, how

    return tagged_compute(compute, found)


def _answers(root, chain, components):
    """(rest of the path, how) when walking COMPONENTS would end at CHAIN's last page as
    the walk that stored CHAIN did, else None (walk afresh): the chain's slugs are the
    path's first components; no routable page above the last answers its (longer) rest of
    this path with a route of its own (Wagtail tries those before the children); the last
    page answers the rest with a route of its own, or the path ends at it."""
    below = [row for row in chain if row["depth"] >= root.depth]
    if [row["slug"] for row in below[1:]] != components[: len(below) - 1]:
        return None
    for row in below:
        rest = components[row["depth"] - root.depth :]
        model = _page_class(row["content_type_id"])
        if model.route is not Page.route and model.route is not RoutablePageMixin.route:
            return None  # its type's own route() (never stored; a deploy may change a type)
        routes_it = (
            model.route is RoutablePageMixin.route and row["live"] and _resolves(model, rest)
        )
        if row is not below[-1]:
            if routes_it:
                return None
            continue
        if routes_it:
            return rest, _ROUTABLE
        return ([], _PAGE) if not rest and row["live"] else None
    return None


def _shareable(chain, how) -> bool:
    if how == _OWN_ROUTE:
        return False  # its route() may read anything
    # An alias's source may be private; a page not live is a draft.
    return not any(row["alias_of_id"] or not row["live"] for row in chain if row["depth"] > 1)


def _withheld(chain, private_paths) -> list[dict]:
    """CHAIN as a private page's route is shared: the titles of the pages at or below a
    restricted page withheld (None), the page itself never stored. What is left of a row
    is the page's place in the tree, its type and its address, which anyone asking for the
    address knows and the shared list of restricted pages holds already."""
    return [
        {**row, "title": None} if request_memo.is_private_path(row["path"], private_paths) else row
        for row in chain
    ]


def _restored(chain):
    """(CHAIN with its titles, the page as its own type) for a private page's shared route
    (`_withheld`; never a site's root, `_found`), in one query: the page's row with the
    withheld titles of its ancestors; (CHAIN, None) when the row read is not the chain's
    page as stored (walk afresh)."""
    node = chain[-1]
    withheld = [row["id"] for row in chain[:-1] if row["title"] is None]
    model = _page_class(node["content_type_id"])

    def build(page_id, *title_ids):
        # RawSQL: a scalar subquery Django does not compile as a query of its own (half
        # the cost of a Subquery's). The SQL is a constant (the table's name from the
        # model); the ids are parameters. Compiled once per type and count of titles.
        title_of = f"SELECT title FROM {Page._meta.db_table} WHERE id = %s"  # noqa: S608
        titles = {
            f"withheld_title_{index}": RawSQL(title_of, (pk,))  # noqa: S611
            for index, pk in enumerate(title_ids)
        }
        return model._default_manager.annotate(**titles).filter(id=page_id)

    name = f"restored:{model._meta.label_lower}:{len(withheld)}"
    pages = prepared_queries.run(name, build, node["id"], *withheld)
    if not pages:
        return chain, None
    [page] = pages
    # A write that sent no signal (an update in SQL) may have left the entry fresh.
    if page.path != node["path"] or page.url_path != node["url_path"] or not page.live:
        return chain, None
    found = {pk: page.__dict__.pop(f"withheld_title_{index}") for index, pk in enumerate(withheld)}
    if None in found.values():
        return chain, None
    restored = [{**row, "title": found.get(row["id"], row["title"])} for row in chain]
    restored[-1]["title"] = page.title
    return restored, page


def _route(request, site, components):
    """Wagtail's `site.root_page.specific.route(request, components)`: the page found by
    `_walk` (from the shared cache or one query and one fetch of the page) answers."""
    root = site.root_page
    chain, page, remaining, how = _found(site, components)
    request_memo.note_route_chain(chain)
    if page.pk != root.pk:  # the site's root page is Wagtail's root.specific, parentless
        # Its parent as Wagtail's route() leaves it (`_cached_parent_obj`), never shared:
        # `get_parent()` costs no query for the tree but the parent's own row, if asked.
        parent = chain[-2]
        load = (lambda: root.specific) if parent["id"] == root.pk else (lambda: _specific(parent))
        page._cached_parent_obj = SimpleLazyObject(load)
    if how == _PAGE:
        return RouteResult(page)
    return page.route(request, remaining)


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


_SITE_ROOT_PATHS = "site_root_paths"


def _site_root_paths() -> list:
    """Wagtail's `get_site_root_paths` (without WAGTAIL_I18N_ENABLED) from the sites the
    request has already read (`_all_sites`), in Wagtail's order: the longest root path
    first, then the default site, then by host name (Python's order of strings, where
    Wagtail's is the database's collation: they differ only in which of several sites
    with the same root names a page's URL when the request's own site is not one of them).
    """
    sites = sorted(_all_sites(), key=lambda site: site.hostname)
    sites.sort(key=lambda site: site.is_default_site, reverse=True)  # stable: hosts kept
    sites.sort(key=lambda site: site.root_page.url_path, reverse=True)
    return [
        SiteRootPath(
            site.id, site.root_page.url_path, site.root_url, site.root_page.locale.language_code
        )
        for site in sites
    ]


def _get_site_root_paths():
    """Wagtail's, once per request: Wagtail keeps it on the request for a page URL given
    one, but `pageurl` in an inclusion tag without the request in its context keeps it on
    each page and reads the cache again. In a request, made from the shared sites the
    request read to find its own (no round trip of its own to the cache); outside one, or
    with translations (a root per language), Wagtail's."""
    if request_memo.memo() is None or getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return _wagtail_get_site_root_paths()
    return remember(_SITE_ROOT_PATHS, _site_root_paths)


def _clear_site_root_paths_cache():
    """Wagtail's (a site saved or deleted, a site root saved, renamed or moved), this
    request's copy and the shared sites with it."""
    forget(_SITE_ROOT_PATHS)
    forget(_SITES)
    bump(_SITES_TAG)
    _wagtail_clear_site_root_paths_cache()


def install() -> None:
    Site._find_for_request = staticmethod(_find_for_request)
    Page.route_for_request = staticmethod(_route_for_request)
    Site.get_site_root_paths = staticmethod(_get_site_root_paths)
    Site.clear_site_root_paths_cache = staticmethod(_clear_site_root_paths_cache)


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
