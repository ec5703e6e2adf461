"""What several template tags need, computed once per request.

Wagtail's `PageQuerySet.public()` reads every view restriction each time it is called; a
page with a menu, breadcrumbs and three home sections called it nine times, and serving a
page reads its ancestors and their restrictions once more. Here the restricted pages are
read once per request (RequestMemoMiddleware opens the memo) and every `.public()` and
`Page.get_view_restrictions()` of that request reuses them; the privacy check of the page
the request was routed to takes its ancestors from what routing read (core.site_structure
notes them here), and a page's ancestors are otherwise read once for its breadcrumbs and
its privacy check. Outside a request (management commands,
tasks, tests without the middleware) nothing is memoised and Wagtail's own query runs.

A restriction saved or deleted during the request empties the memo, so a view that
changes privacy and then lists pages sees the change.
"""

from contextvars import ContextVar

from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from wagtail.models import BaseViewRestriction, Page, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.signals import post_page_move

from core import cache_tags
from core.cache_tags import ALL, HARD

_memo: ContextVar[dict | None] = ContextVar("core_request_memo", default=None)
_RESTRICTIONS_CHANGED = "restrictions_changed_in_this_request"
_wagtail_private_q = PageQuerySet.private_q
_wagtail_get_view_restrictions = Page.get_view_restrictions


def memo() -> dict | None:
    """This request's memo (a dict), or None outside a request."""
    return _memo.get()


def remember(key, compute):
    """COMPUTE() once per request under KEY; called each time outside a request."""
    current = _memo.get()
    if current is None:
        return compute()
    if key not in current:
        current[key] = compute()
    return current[key]


def forget(key=None) -> None:
    current = _memo.get()
    if current is not None:
        if key is None:
            current.clear()
        else:
            current.pop(key, None)


def _read_restricted_pages() -> dict[int, str]:
    return dict(PageViewRestriction.objects.values_list("page_id", "page__path"))


def _restricted_pages() -> dict[int, str]:
    """Id and tree path of every page with a view restriction (its descendants are private).

    Shared between requests (core.cache_tags): a restriction saved or deleted, a page moved
    or deleted bumps "all" and "hard", now and on commit. A request that itself changed a
    restriction reads the database and shares nothing: its transaction may still roll back.
    Only through a cache every process reads: with a memory cache per process, a
    restriction added in another process would not make this one's copy stale, and the
    page would be served to anyone until the copy expired.
    """

    def compute():
        current = _memo.get()
        if (
            current is None
            or current.get(_RESTRICTIONS_CHANGED)
            or not cache_tags.shared_between_processes()
        ):
            return _read_restricted_pages()
        return cache_tags.fragment("restricted_pages", _read_restricted_pages, tags=(ALL, HARD))

    return remember("restricted_pages", compute)


def restricted_paths() -> list[str]:
    return sorted(set(_restricted_pages().values()))


def page_ancestors(page) -> list:
    """PAGE's ancestors, root first (read once per request: breadcrumbs and privacy). For
    the page the request was routed to, what routing read: plain pages (id, tree, title,
    url_path: what breadcrumbs and the privacy check read of them), no query."""
    rows = _routed_rows(page)
    if rows is not None:
        return [Page(**row) for row in rows[:-1]]
    return remember(("ancestors", page.pk), lambda: list(page.get_ancestors().order_by("depth")))


_ROUTE_CHAIN = "route_chain"


def note_route_chain(rows) -> None:
    """Keep what routing read (core.site_structure): the routed page and its ancestors as
    rows (core.site_structure._ROUTE_COLUMNS), for the privacy check and breadcrumbs. A
    move empties the memo."""
    current = _memo.get()
    if current is not None:
        current[_ROUTE_CHAIN] = {row["path"]: row for row in rows}


def _routed_rows(page) -> list[dict] | None:
    """The rows of PAGE and each of its ancestors, root first, from what routing read in
    this request; None when routing did not read them all (another page, or a site root
    below the tree's second level, whose own ancestors routing reads only on a path below
    it)."""
    known = remember(_ROUTE_CHAIN, dict)
    steplen = Page.steplen
    paths = [page.path[: steplen * depth] for depth in range(1, page.depth + 1)]
    if any(path not in known for path in paths) or known[page.path]["id"] != page.pk:
        return None
    return [known[path] for path in paths]


def _routed_chain(page) -> list[tuple[int, int | None]] | None:
    """(id, alias_of_id) of PAGE and each of its ancestors from `_routed_rows`, or None."""
    rows = _routed_rows(page)
    if rows is None:
        return None
    return [(row["id"], row["alias_of_id"]) for row in rows]


def _final_sources(chain) -> set[int]:
    """The ids whose restrictions apply to CHAIN's pages: a page's own, an alias's final
    source's (an alias of an alias is followed to the page it stands for, as Wagtail's
    `add_page_to_check_list` recursion does), with one query per level of aliasing."""
    ids = {pk for pk, alias_of in chain if alias_of is None}
    pending = {alias_of for _, alias_of in chain if alias_of is not None}
    seen = set()
    while pending:
        seen |= pending
        rows = Page.objects.filter(pk__in=pending).values_list("pk", "alias_of_id")
        pending = set()
        for pk, alias_of in rows:
            if alias_of is None:
                ids.add(pk)
            elif alias_of not in seen:  # a cycle would make Wagtail recurse for ever
                pending.add(alias_of)
    return ids


def _get_view_restrictions(self):
    """Wagtail's Page.get_view_restrictions (the page's and its ancestors', an alias
    standing for its final source) answered from the request's memo: no query at all for
    a page that routing found (its chain is known) or that lies just below the tree's root,
    unless an alias lies on the way (its source is read)."""
    if _memo.get() is None:
        return _wagtail_get_view_restrictions(self)
    restricted = _restricted_pages()
    if not restricted:
        return PageViewRestriction.objects.none()
    on_the_way = any(self.path.startswith(path) for path in restricted.values())
    if not on_the_way and self.alias_of_id is None and self.depth <= 2:
        return PageViewRestriction.objects.none()  # only the tree root above it
    chain = _routed_chain(self)
    if chain is None:
        chain = [(page.pk, page.alias_of_id) for page in [self, *page_ancestors(self)]]
    matching = _final_sources(chain) & set(restricted)
    if not matching:
        return PageViewRestriction.objects.none()
    return PageViewRestriction.objects.filter(page_id__in=matching)


def _private_q(self):
    if _memo.get() is None:
        return _wagtail_private_q(self)
    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def _forget_restrictions(sender, **kwargs):
    if issubclass(sender, BaseViewRestriction):
        forget("restricted_pages")
        _mark_restrictions_changed()


def _mark_restrictions_changed() -> None:
    current = _memo.get()
    if current is not None:
        current[_RESTRICTIONS_CHANGED] = True


def _forget_tree(sender, **kwargs):
    forget()  # paths changed: every path and ancestor list read so far may be wrong
    _mark_restrictions_changed()  # restricted paths too, in a transaction not yet committed


def install() -> None:
    PageQuerySet.private_q = _private_q
    Page.get_view_restrictions = _get_view_restrictions
    post_page_move.connect(_forget_tree, dispatch_uid="request_memo_page_move")
    post_save.connect(_forget_restrictions, dispatch_uid="request_memo_restriction_save")
    post_delete.connect(_forget_restrictions, dispatch_uid="request_memo_restriction_delete")


class RequestMemoMiddleware:
    """Opens an empty memo for each request and closes it after the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
