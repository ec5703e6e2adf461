"""What several template tags need, computed once per request.

Wagtail's `PageQuerySet.public()` reads every view restriction each time it is called; a
page with a menu, breadcrumbs and three home sections called it nine times, and serving a
page reads its ancestors and their restrictions once more. Here the restricted pages are
read once per request (RequestMemoMiddleware opens the memo) and every `.public()` and
`Page.get_view_restrictions()` of that request reuses them; the privacy check of the page
the request was routed to takes its ancestors from what routing read (core.site_structure
notes them here), and a page's ancestors are otherwise read once for its breadcrumbs and
its privacy check. Outside a request (management commands,
tasks, tests without the middleware) nothing is memoised: the same answers, read each time.

An alias stands for its final source, and the source's section too: Wagtail checks only the
source's own restrictions and lists the alias as public, so a page of the intranet aliased
under a public page showed the intranet's content to anyone. Here such an alias (and what
lies below it) is private, with the restrictions of the source's section.

A restriction saved or deleted during the request empties the memo, so a view that
changes privacy and then lists pages sees the change.

A signed-in reader's groups are read once per request too, with the page view
restrictions that name any of them, in one query (`user_group_ids`, `user_in_group`, and
Wagtail's `PageViewRestriction.accept_request` answered from it): Wagtail read the
restriction's groups and the user's for each restriction it checked (two queries each: the
page's own, then each child's on a section's page), the councils' panel asked again by
name. A change during the request (a group added to a user or to a restriction, a
restriction saved or deleted) forgets what was read.

Where the restricted pages are shared between requests (below), the restrictions
themselves (id, kind, page, the groups named; never a password) are too, so a restricted
page's check reads no restriction row; and a signed-in reader whose groups came with
their user (accounts.backends: kept between requests by accounts.user_snapshot) has them
matched against those rows, with no query. A password restriction is read from the
database, as are the groups of a user loaded without them.
"""

from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Q, QuerySet, Value
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.models import BaseViewRestriction, Page, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.signals import post_page_move

from core import cache_reads, cache_tags
from core.cache_tags import ALL, HARD

_memo: ContextVar[dict | None] = ContextVar("core_request_memo", default=None)
_RESTRICTIONS_CHANGED = "restrictions_changed_in_this_request"
_PRIVACY = "privacy"
_wagtail_get_view_restrictions = Page.get_view_restrictions  # kept for the tests' comparison
_wagtail_accept_request = PageViewRestriction.accept_request
_USER_GROUPS = "user_groups"
_RESTRICTION_ROWS = "restriction_rows"
_MEMBERSHIPS_CHANGED = "memberships_changed_in_this_request"
# Set by accounts.backends on a user read with their groups ({id: name}); the object
# travels between requests in accounts.user_snapshot, stale when the snapshot is (a change
# of the user's groups, or of any group, makes it so).
GROUP_NAMES_ATTR = "_known_group_names"


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


# {alias id: (its path, ids of the restricted pages at or above its final source)}
PrivateAliases = dict[int, tuple[str, tuple[int, ...]]]


def _final_source_path(pk: int, aliases: dict) -> str | None:
    """The path of the page the alias PK finally stands for (ALIASES: every alias's row);
    None for a cycle (Wagtail would recurse for ever on it)."""
    seen = set()
    while True:
        seen.add(pk)
        _path, alias_of, source_path = aliases[pk]
        if alias_of not in aliases:
            return source_path
        if alias_of in seen:
            return None
        pk = alias_of


def _private_aliases(restricted: dict[int, str], aliases: dict) -> PrivateAliases:
    """Every alias (ALIASES: {id: (path, alias_of_id, source path)}) whose final source lies
    at or below a page of RESTRICTED."""
    private = {}
    for pk, (path, _alias_of, _source_path) in aliases.items():
        source_path = _final_source_path(pk, aliases)
        if source_path is None:
            continue
        ids = tuple(
            sorted(rid for rid, rpath in restricted.items() if source_path.startswith(rpath))
        )
        if ids:
            private[pk] = (path, ids)
    return private


def _read_privacy() -> tuple[dict[int, str], PrivateAliases]:
    """The restricted pages and the private aliases, in one query (the restrictions' rows
    have no alias source; a restricted alias has a row of each kind)."""
    none_id = Value(None, output_field=models.IntegerField())
    none_path = Value(None, output_field=models.CharField())
    # No ordering in a compound statement (SQLite refuses it; Page is ordered by path).
    restrictions = PageViewRestriction.objects.order_by().values_list(
        "page_id", "page__path", none_id, none_path
    )
    aliases = (
        Page.objects.filter(alias_of__isnull=False)
        .order_by()
        .values_list("pk", "path", "alias_of_id", "alias_of__path")
    )
    restricted, alias_rows = {}, {}
    for pk, path, alias_of, source_path in restrictions.union(aliases, all=True):
        if alias_of is None:
            restricted[pk] = path
        else:
            alias_rows[pk] = (path, alias_of, source_path)
    return restricted, _private_aliases(restricted, alias_rows) if restricted else {}


def _privacy() -> tuple[dict[int, str], PrivateAliases]:
    """Id and tree path of every page with a view restriction (its descendants are
    private), and the aliases standing for a page at or below one (_private_aliases).

    Shared between requests (core.cache_tags): a restriction saved or deleted, a page moved
    or deleted, an alias made bumps "all" and "hard", now and on commit. A request that
    itself changed a restriction reads the database and shares nothing: its transaction
    may still roll back. Only through a cache every process reads: with a memory cache per
    process, a restriction added in another process would not make this one's copy stale,
    and the page would be served to anyone until the copy expired.
    """

    def compute():
        current = _memo.get()
        if (
            current is None
            or current.get(_RESTRICTIONS_CHANGED)
            or not cache_tags.shared_between_processes()
        ):
            return _read_privacy()
        # "privacy": entries of the former "restricted_pages" (a dict alone) are never read.
        return cache_tags.fragment("privacy", _read_privacy, tags=(ALL, HARD))

    return remember(_PRIVACY, compute)


# Every column of a restriction, in the order Model.from_db takes them.
_RESTRICTION_FIELDS = [field.attname for field in PageViewRestriction._meta.concrete_fields]
# {page id: [(restriction id, kind, ids of the groups it names), ...]}
RestrictionRows = dict[int, list[tuple[int, str, tuple[int, ...]]]]


def _read_restriction_rows() -> RestrictionRows:
    """Every page view restriction, by page: what checking one needs but a password (a
    password restriction is listed by kind only; its check reads the database). One row
    per restriction and group it names (a left join: once with no group). A change of
    this shape needs a new name for the shared entry ("view-restrictions")."""
    named: dict[int, list[int]] = {}
    pages: dict[int, tuple[int, str]] = {}
    rows_read = PageViewRestriction.objects.order_by("pk").values_list(
        "pk", "page_id", "restriction_type", "groups"
    )
    for pk, page_id, kind, group_id in rows_read:
        pages[pk] = (page_id, kind)
        if group_id is not None and kind == BaseViewRestriction.GROUPS:
            named.setdefault(pk, []).append(group_id)
    rows: RestrictionRows = {}
    for pk, (page_id, kind) in pages.items():
        rows.setdefault(page_id, []).append((pk, kind, tuple(sorted(named.get(pk, ())))))
    return rows


def restrictions_shared() -> bool:
    """Whether the view restrictions are shared between requests here (a cache every
    process reads, shared fragments on)."""
    return cache_tags.fragment_seconds() > 0 and cache_tags.shared_between_processes()


def _shared_restriction_rows() -> RestrictionRows | None:
    """The restrictions by page, shared between requests on the terms of the restricted
    pages (_privacy: stale at any bump of "all" or "hard", never through a cache of one
    process, never after a restriction changed in this request); None where they are not
    shared (also with shared fragments off): then the database answers, as before."""

    def compute():
        current = _memo.get()
        if current is None or current.get(_RESTRICTIONS_CHANGED) or not restrictions_shared():
            return None
        return cache_tags.fragment("view-restrictions", _read_restriction_rows, tags=(ALL, HARD))

    return remember(_RESTRICTION_ROWS, compute)


def _known_restrictions(page_ids) -> QuerySet | None:
    """The restrictions on PAGE_IDS as an evaluated queryset made from the shared rows (no
    query to iterate it, count it or ask whether it is empty; a field not kept, such as the
    password, is read from the database when asked for), or None where the rows are not
    shared, one of them is a password's (Wagtail's form for it reads the password), or a
    page the restricted pages name has no row (the two shared entries read at moments a
    change fell between: the database answers rather than a page passing as public)."""
    rows = _shared_restriction_rows()
    if rows is None or any(page_id not in rows for page_id in page_ids):
        return None
    found = [(page_id, *row) for page_id in sorted(page_ids) for row in rows.get(page_id, ())]
    if any(kind == BaseViewRestriction.PASSWORD for _page, _pk, kind, _groups in found):
        return None
    instances = []
    for page_id, pk, kind, _groups in found:
        known = {"id": pk, "restriction_type": kind, "page_id": page_id}
        fields = [name for name in _RESTRICTION_FIELDS if name in known]  # from_db's order
        instances.append(
            PageViewRestriction.from_db(DEFAULT_DB_ALIAS, fields, [known[f] for f in fields])
        )
    queryset = PageViewRestriction.objects.filter(pk__in=[r.pk for r in instances])
    # Evaluated already: what changes the query (filter, order_by) runs it afresh.
    queryset._result_cache = instances
    queryset._prefetch_done = True
    return queryset


def restricted_page_ids() -> set[int]:
    """Ids of the pages with a view restriction of their own."""
    return set(_privacy()[0])


def private_alias_ids() -> set[int]:
    """Ids of the aliases restricted by their source's section (_private_aliases)."""
    return set(_privacy()[1])


def restricted_paths() -> list[str]:
    """The paths of the restricted pages and of the private aliases: what lies at or below
    one of them is private."""
    restricted, aliases = _privacy()
    return sorted(set(restricted.values()) | {path for path, _ids in aliases.values()})


def is_private_path(path: str, private_paths=None) -> bool:
    """Whether the tree path PATH lies at or below a restricted page or a private alias.
    PRIVATE_PATHS: `restricted_paths()` as a caller checking several paths read it once
    (outside a request, each read is a query)."""
    if private_paths is None:
        private_paths = restricted_paths()
    return any(path.startswith(restricted) for restricted in private_paths)


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
    standing for its final source), and those of the section an alias's source lies in,
    answered from the request's memo: no query at all for
    a page that routing found (its chain is known) or that lies just below the tree's root,
    unless an alias lies on the way (its source is read)."""
    restricted, aliases = _privacy()
    if not restricted:
        return PageViewRestriction.objects.none()
    on_the_way = is_private_path(self.path)
    if not on_the_way and self.alias_of_id is None and self.depth <= 2:
        return PageViewRestriction.objects.none()  # only the tree root above it
    chain = _routed_chain(self)
    if chain is None:
        chain = [(page.pk, page.alias_of_id) for page in [self, *page_ancestors(self)]]
    matching = _final_sources(chain) & set(restricted)
    for pk, _alias_of in chain:
        if pk in aliases:  # an alias on the way: its source's section's restrictions too
            matching.update(aliases[pk][1])
    if not matching:
        return PageViewRestriction.objects.none()
    return _restrictions_on(matching)


def _restrictions_on(page_ids):
    """The view restrictions on PAGE_IDS: from the shared rows where they answer
    (`_known_restrictions`), else from the database."""
    known = _known_restrictions(page_ids)
    if known is not None:
        return known
    return PageViewRestriction.objects.filter(page_id__in=page_ids)


def _memberships(user) -> tuple[dict[int, str], set[int]]:
    """USER's groups (id to name) and the page view restrictions that name one of them,
    once per request (nothing for an anonymous visitor): from the groups the user was
    loaded with and the shared restrictions where both are known (no query), else in one
    query."""
    if not user.is_authenticated:
        return {}, set()

    def compute():
        known_groups = getattr(user, GROUP_NAMES_ATTR, None)
        current = _memo.get()
        changed = current is not None and current.get(_MEMBERSHIPS_CHANGED)
        rows = _shared_restriction_rows() if known_groups is not None and not changed else None
        if rows is not None:
            naming = {
                pk
                for page_rows in rows.values()
                for pk, _kind, group_ids in page_rows
                if not known_groups.keys().isdisjoint(group_ids)
            }
            return dict(known_groups), naming
        groups, restrictions = {}, set()
        # One row per (group, restriction naming it), a group no restriction names once.
        for group_id, name, restriction_id in user.groups.values_list(
            "id", "name", "pageviewrestriction"
        ):
            groups[group_id] = name
            if restriction_id is not None:
                restrictions.add(restriction_id)
        return groups, restrictions

    return remember((_USER_GROUPS, user.pk), compute)


def user_group_ids(user) -> set[int]:
    return set(_memberships(user)[0])


def user_in_group(user, name: str) -> bool:
    """Whether USER belongs to the group named NAME (group names are unique)."""
    return name in _memberships(user)[0].values()


def readable_by(request, pages) -> list:
    """PAGES (below a page the reader was let in to) without those their own restriction
    turns the reader away: a subpage may be narrower than its parent (e.g. editors only),
    and an alias of a page of another restricted section has that section's restrictions.
    Only the pages the memo knows to be restricted are looked up (none: no query; the
    shared rows where they answer), their group restrictions answered from the memo."""
    restricted = restricted_page_ids()
    candidates = {page.pk for page in pages if page.pk in restricted}
    refused = {
        restriction.page_id
        for restriction in (_restrictions_on(candidates) if candidates else ())
        if not restriction.accept_request(request)
    }
    private_aliases = private_alias_ids()
    refused |= {
        page.pk
        for page in pages
        if page.pk in private_aliases
        and not all(r.accept_request(request) for r in page.get_view_restrictions())
    }
    return [page for page in pages if page.pk not in refused]


def _accept_request(self, request):
    """Wagtail's PageViewRestriction.accept_request with a group restriction answered from
    the request's memo (the user's groups and the restrictions naming them, one query per
    request) instead of two queries per restriction checked. Same rule: a superuser
    passes, anyone else needs to belong to one of the restriction's groups."""
    if _memo.get() is None or self.restriction_type != BaseViewRestriction.GROUPS or not self.pk:
        return _wagtail_accept_request(self, request)
    if request.user.is_superuser:
        return True
    return self.pk in _memberships(request.user)[1]


def _private_q(self):
    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def _forget_restrictions(sender, **kwargs):
    if issubclass(sender, BaseViewRestriction):
        forget(_PRIVACY)
        forget(_RESTRICTION_ROWS)
        _forget_memberships()
        _mark_restrictions_changed()
    elif issubclass(sender, Group):  # a group deleted takes its memberships with it
        _forget_memberships()


def _forget_memberships() -> None:
    """Every user's groups read so far may be wrong, and those a user was loaded with too:
    the rest of the request reads them from the database."""
    current = _memo.get()
    if current is not None:
        for key in [key for key in current if isinstance(key, tuple) and key[0] == _USER_GROUPS]:
            del current[key]
        current[_MEMBERSHIPS_CHANGED] = True


def _forget_groups(sender, **kwargs):
    """A membership changed, from either side (a user's groups or a group's users), or a
    restriction's groups: every user's groups and restrictions read so far may be wrong."""
    if sender is PageViewRestriction.groups.through:
        forget(_RESTRICTION_ROWS)
        _mark_restrictions_changed()
    if sender in (PageViewRestriction.groups.through, get_user_model().groups.through):
        _forget_memberships()


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
    PageViewRestriction.accept_request = _accept_request
    m2m_changed.connect(_forget_groups, dispatch_uid="request_memo_groups_changed")
    post_page_move.connect(_forget_tree, dispatch_uid="request_memo_page_move")
    post_save.connect(_forget_restrictions, dispatch_uid="request_memo_restriction_save")
    post_delete.connect(_forget_restrictions, dispatch_uid="request_memo_restriction_delete")


# (begin(request), end(response)) of other modules, run with each request's memo open
# (core.prepared_queries' read-ahead): registered by `on_each_request`.
_request_hooks: list[tuple] = []


def on_each_request(begin, end) -> None:
    """Run BEGIN(request) when each request's memo opens and END(response) (None after an
    error) before it closes."""
    if (begin, end) not in _request_hooks:
        _request_hooks.append((begin, end))


class RequestMemoMiddleware:
    """Opens an empty memo for each request and closes it after the response; with shared
    fragments on, reads ahead in one round trip the fragments and tag versions the last
    request of the path read, with the visitor's session where its cache allows
    (core.cache_reads); at the first prepared query, the queries the last request of the
    path by the same reader asked for (core.prepared_queries)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        reads = None
        response = None
        try:
            for begin, _end in _request_hooks:
                begin(request)
            if cache_tags.fragment_seconds() > 0:
                reads = cache_reads.begin(cache_tags.cache(), request)
            response = self.get_response(request)
            return response
        finally:
            cache_reads.end(reads, request, response)
            for _begin, end in _request_hooks:
                end(response)
            _memo.reset(token)
