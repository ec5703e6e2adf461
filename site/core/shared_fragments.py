"""Parts of a page that every reader sees alike, rendered once and shared until they change.

The page cache (core.page_cache) serves whole answers, but only to anonymous visitors and
only once someone has rendered them; every signed-in user and the first visitor after a
publish render the page. A shared fragment is the HTML of one reader-independent part of a
page (a consultation's body, a list's results) kept in the same cache under the same
dependencies as the page's own entry (core.page_cache.page_tags: the page, the models its
type lists or "content", "all", "hard", and whatever the request declared), so it goes
stale exactly when the cached page would, and is reused by everyone, signed in or not.

Key: the fragment's name, the template, scheme, host, path (a routable page's records have
their own), the language, the page, and the names and values of the query parameters the
template names (`vary`), sorted by name; nothing else of the request.

Lifetime: at most FRAGMENT_CACHE_SECONDS, never past the next moment content changes by
the clock (core.page_cache's next site change: midnight, a lifecycle's next opening or
closing), never past what the view or the page said (`expire_page_cache_by`,
`cache_expires_at(request)`).

Never shared (the part is rendered as without this module): FRAGMENT_CACHE_SECONDS 0, a
preview (Wagtail's preview, draft and revision views set `request.is_preview`), the answer
to a POST (it shows what the visitor sent), a page that is not live or not saved, a page
with a view restriction on it or an ancestor (or its alias source), a request with a query
string longer than the page cache keeps (a site-wide part stored from a public page is
still shown on a restricted one, below). A part whose
render touches the visitor (`user`, `perms`, `messages`, `csrf_token` in the context,
`request.user`, `request.session`), that holds a CSRF or form token, or that reads a query
parameter its `vary` does not name (request.GET stands in while it renders; a
core.listing.Listing built for the request counts as reading all its `params`) is
rendered afresh and never stored, and the mistake is logged. A failing cache renders.

What the part's render declared for the page cache (`depends_on`, `expire_page_cache_by`)
is stored with it and declared again whenever it is reused.

A view hands what only shared parts show as `deferred(...)` values: computed when the
part renders, so a part taken from the cache spares the queries too.

A part of the site's layout that is the same on every page of a site (the footer) is
shared with `scope="site"`: one entry per site, keyed without the path, the page or any
query parameter (scheme, host, language, name, template), stale when anything that makes
every page stale changes ("all", "hard": settings, sites, privacy, structure). Its render
must not read the page: `page` and `self` stand in as per-visitor values do, so a part
that reads them is rendered afresh and never stored. On a page whose own parts may not be
shared (a preview, a draft, a restricted page) the site's parts are never stored: the rest
of its context (a panel of an intranet page) is not checked as the page and the visitor
are. A restricted page still shows the stored copy, which was rendered on a public page
and reads nothing of the page that shows it; a preview or a draft renders its own.
Without a page (the search page, a form's view) they are shared under the rules above.

A record's part (`record_part`) is the HTML of a template rendered from one published
record alone, without the request (no context processor runs: nothing of the visitor,
the page or a CSRF token can reach it): an NGO's record as its own partner sees it to
propose changes, on the NGO zone, a restricted section. It is shared on any page, a
restricted one included, because it holds only what the public registry shows of a
record whose model has drafts and which is live; a record not live, or a request that
shares nothing (above: a POST, a preview), renders it afresh. Stale when a record of its
model or of the models it shows changes (and with "all": an unpublish, a privacy change).
"""

import hashlib
import json
import logging
import math
import time

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject, new_method_proxy
from django.utils.safestring import mark_safe

from wagtail.models import DraftStateMixin, Page

from core import cache_reads, cache_tags, page_cache, request_memo
from core.listing import LISTING_PARAMS_ATTR

logger = logging.getLogger(__name__)

_PREFIX = f"pagecache:v{cache_tags.FORMAT_VERSION}:shared:"
# Context names and request attributes that belong to the visitor, not to the page.
PER_VISITOR_CONTEXT = ("user", "perms", "messages", "csrf_token")
PER_VISITOR_REQUEST = ("user", "auser", "session", "_messages")
# Context names a site-wide part must not read: it is the same on every page.
PAGE_CONTEXT = ("page", "self")
PAGE = "page"
SITE = "site"
SCOPES = (PAGE, SITE)
_TOKEN_MARKERS = ('name="csrfmiddlewaretoken"', 'name="form_token"')


def _holds_token(html: str) -> bool:
    """Whether HTML holds a per-visitor form token: such a part is never stored."""
    return any(marker in html for marker in _TOKEN_MARKERS)


class PerVisitorValue(Exception):
    """A shared fragment's render reached something that belongs to the visitor."""


class _Parameters:
    """Stands in for request.GET while a shared fragment renders: notes every parameter
    read that its `vary` does not name ("*" for a read of the whole query)."""

    def __init__(self, query, vary, unnamed: list):
        self._query = query
        self._vary = set(vary)
        self._unnamed = unnamed

    def _note(self, name):
        if name not in self._vary:
            self._unnamed.append(str(name))

    def get(self, key, default=None):
        self._note(key)
        return self._query.get(key, default)

    def getlist(self, key, default=None):
        self._note(key)
        return self._query.getlist(key, default)

    def __getitem__(self, key):
        self._note(key)
        return self._query[key]

    def __contains__(self, key):
        self._note(key)
        return key in self._query

    def __iter__(self):
        self._note("*")
        return iter(self._query)

    def __len__(self):
        self._note("*")
        return len(self._query)

    def __bool__(self):
        self._note("*")
        return bool(self._query)

    def __getattr__(self, attribute):  # items(), urlencode(), copy()…: the whole query
        self._note("*")
        return getattr(self._query, attribute)


class _Visitor:
    """Stands in for a per-visitor value while a shared fragment renders: any use of it
    is noted and stops the render."""

    def __init__(self, name: str, touched: list):
        self._name = name
        self._touched = touched

    def _touch(self, *args, **kwargs):
        self._touched.append(self._name)
        raise PerVisitorValue(self._name)

    def __getattr__(self, attribute):
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        self._touch()

    __getitem__ = __iter__ = __len__ = __bool__ = __str__ = __html__ = __contains__ = _touch
    __call__ = __eq__ = __hash__ = _touch


def _restricted(page) -> bool:
    """Whether a view restriction lies on PAGE or an ancestor (the request's memo)."""
    if request_memo.is_private_path(page.path):
        return True
    if getattr(page, "alias_of_id", None) is not None:
        return page.get_view_restrictions().exists()
    return False


def _request_shareable(request) -> bool:
    """Whether anything rendered for REQUEST may be taken from or put in the cache."""
    if cache_tags.fragment_seconds() <= 0 or request is None:
        return False
    # Wagtail's preview, draft and revision views render a page object that is not the
    # live one through a dummy request marked as a preview.
    if getattr(request, "is_preview", False) or getattr(request, "is_dummy", False):
        return False
    # The answer to a POST shows what the visitor sent (a form with their answers and
    # errors, a receipt): none of its parts is taken from or put in the cache.
    if request.method not in ("GET", "HEAD"):
        return False
    return len(request.META.get("QUERY_STRING", "")) <= page_cache.MAX_QUERY_LENGTH


def _live_page(request, page) -> bool:
    """Whether REQUEST may share parts and PAGE is a saved, live page (privacy aside)."""
    if page is None or not _request_shareable(request):
        return False
    if not getattr(page, "pk", None) or not getattr(page, "path", None):
        return False
    return bool(getattr(page, "live", False))


def shareable(request, page) -> bool:
    """Whether a part of PAGE, rendered for REQUEST, may be taken from or put in the cache."""
    return _live_page(request, page) and not _restricted(page)


def site_shareable(request, page) -> bool:
    """Whether a site-wide part, rendered for REQUEST (showing PAGE or no page), may be
    taken from or put in the cache."""
    if page is not None and hasattr(page, "path"):
        return shareable(request, page)
    return _request_shareable(request)


def site_readable(request, page) -> bool:
    """Whether a site-wide part stored earlier may be shown on PAGE for REQUEST: as
    site_shareable, but a view restriction on the page does not matter (the copy reads
    nothing of the page, and nothing rendered on a restricted page is stored)."""
    if page is not None and hasattr(page, "path"):
        return _live_page(request, page)
    return _request_shareable(request)


def vary_names(vary: str) -> tuple[str, ...]:
    """'page, q,page' -> ('page', 'q'): the names a fragment keys on, once each, sorted."""
    return tuple(sorted({name.strip() for name in (vary or "").split(",") if name.strip()}))


def fragment_key(name: str, template: str, request, page, vary: tuple[str, ...]) -> str:
    parameters = [[param, request.GET.getlist(param)] for param in vary]
    identity = [
        name,
        template,
        request.scheme,
        request.get_host(),
        request.path,
        translation.get_language(),
        page.pk,
        parameters,
    ]
    digest = hashlib.sha256(json.dumps(identity, ensure_ascii=False).encode()).hexdigest()
    return _PREFIX + digest


def site_fragment_key(name: str, template: str, request) -> str:
    identity = [SITE, name, template, request.scheme, request.get_host()]
    identity.append(translation.get_language())
    digest = hashlib.sha256(json.dumps(identity, ensure_ascii=False).encode()).hexdigest()
    return _PREFIX + digest


def _lifetime(until) -> float:
    """Seconds a part rendered now may be reused (0: not at all): at most
    FRAGMENT_CACHE_SECONDS, never past the site's next change by the clock, nor past UNTIL
    (a page's part: what the page or the view said; a site-wide part: only what its own
    render declared, since other pages reuse it)."""
    limits = [
        cache_tags.fragment_seconds(),
        page_cache._next_site_change_cached(cache_tags.cache()) - time.time(),
    ]
    if until is not None:
        limits.append((until - timezone.now()).total_seconds())
    return min(limits)


def _declared(request) -> tuple[set, object]:
    return (
        set(getattr(request, page_cache._TAGS_ATTR, ())),
        getattr(request, page_cache._EXPIRES_ATTR, None),
    )


def _guarded_render(render, context, request, vary=(), scope=PAGE) -> tuple[str | None, list]:
    """RENDER(context) with the visitor's values replaced by stand-ins: the HTML, or None
    and the names touched when the part reached the visitor or read a query parameter
    VARY does not name (itself, or through a list: core.listing notes what each reads);
    for a site-wide part (SCOPE "site"), also when it read the page."""
    touched: list = []
    unnamed: list = []
    saved = {"GET": request.GET}  # a cached property: now in request.__dict__
    request.__dict__["GET"] = _Parameters(saved["GET"], vary, unnamed)
    for attribute in PER_VISITOR_REQUEST:  # set on the request by the middlewares
        if attribute in request.__dict__:
            saved[attribute] = request.__dict__[attribute]
            request.__dict__[attribute] = _Visitor(f"request.{attribute}", touched)
    hidden = PER_VISITOR_CONTEXT + (PAGE_CONTEXT if scope == SITE else ())
    context.push({name: _Visitor(name, touched) for name in hidden})
    try:
        html = render(context)
    except PerVisitorValue:
        html = None
    finally:
        context.pop()
        request.__dict__.update(saved)
    # A list built before the part (its values read then) counts as read here too; not
    # for a site-wide part, which cannot show the page's list (it reads no page value,
    # and its own reads of the query are noted above).
    listed = getattr(request, LISTING_PARAMS_ATTR, ()) if scope == PAGE else ()
    unnamed += [name for name in listed if name not in set(vary)]
    touched += [f"?{name} (not in vary)" for name in sorted(set(unnamed))]
    if touched:
        return None, touched
    if html is not None and _holds_token(html):
        return None, ["a form token"]
    return html, []


class _Deferred(SimpleLazyObject):
    """A lazy value that filters converting numbers can read too (plural_pl's int()):
    SimpleLazyObject proxies neither int() nor float()."""

    __int__ = new_method_proxy(int)
    __float__ = new_method_proxy(float)


def deferred(compute):
    """COMPUTE()'s value, computed on its first use (a template reading it), once; never
    when only a shared fragment taken from the cache would have shown it."""
    return _Deferred(compute)


def deferred_values(compute, names) -> dict:
    """{name: deferred value} for each of NAMES in the dict COMPUTE() returns, computed
    once, on the first use of any of them."""
    values = SimpleLazyObject(compute)
    return {name: _Deferred(lambda name=name: values[name]) for name in names}


def render_shared(name: str, vary, context, render, scope=PAGE, template=None) -> str:
    """The part RENDER(context) renders, taken from or put in the cache when it may be:
    a part of the page (SCOPE "page") or of every page of the site ("site"). TEMPLATE:
    the template that keys it (by default the page's, being rendered)."""
    request = context.get("request")
    page = context.get("page")
    try:
        share = site_shareable(request, page) if scope == SITE else shareable(request, page)
        # A restricted page reads the site's stored part but never stores its own render.
        read = share or (scope == SITE and site_readable(request, page))
    except Exception:
        logger.warning("shared fragment %s: privacy unknown, rendered", name, exc_info=True)
        share = read = False
    if not read:
        return render(context)
    if template is None:
        template = getattr(getattr(context, "template", None), "origin", None)
        template = getattr(template, "name", "") or ""
    store = cache_tags.cache()
    try:
        if scope == SITE:
            key = site_fragment_key(name, str(template), request)
            tags = {cache_tags.ALL, cache_tags.HARD}
        else:
            key = fragment_key(name, str(template), request, page, vary)
            tags = page_cache.page_tags(request, page)
        found = cache_reads.get_many(store, [key, *cache_tags.version_keys(tags)])
        entry = found.get(key)
        if entry is not None:
            versions, expires, html, added_tags, until = entry
            missing = [tag for tag in versions if cache_tags.version_keys([tag])[0] not in found]
            if missing:
                found.update(cache_reads.get_many(store, cache_tags.version_keys(missing)))
            fresh = time.time() < expires and set(tags) <= set(versions)
            if fresh and cache_tags.still_valid(versions, found):
                if added_tags:
                    page_cache.depends_on(request, *added_tags)
                page_cache.expire_page_cache_by(request, until)
                return html
        if not share:  # only read here (a restricted page): nothing to store
            return render(context)
        before = cache_tags.versions(tags, found)  # read before rendering: a bump wins
    except Exception:
        logger.warning("shared fragment %s unreadable: rendered", name, exc_info=True)
        return render(context)
    tags_before, until_before = _declared(request)
    html, touched = _guarded_render(render, context, request, vary, scope)
    if html is None:
        logger.error(
            "shared fragment %s in %s uses what belongs to the visitor or is not keyed on "
            "(%s): not shared",
            name,
            template,
            ", ".join(sorted(set(touched))),
        )
        return render(context)
    tags_after, until = _declared(request)
    added_tags = tags_after - tags_before
    if scope == SITE and until == until_before:
        until = None  # the page's own limit, not the part's: other pages reuse the part
    if before is None:
        return html
    try:
        lifetime = _lifetime(until if scope == SITE else page_cache.expires_at(request, page))
        if lifetime <= 0:
            return html
        versions = before
        if added_tags - set(before):
            more = cache_tags.versions(added_tags - set(before))
            if more is None:
                return html
            versions = {**before, **more}
        entry = (versions, time.time() + lifetime, html, sorted(added_tags), until)
        cache_reads.changed()
        store.set(key, entry, timeout=math.ceil(lifetime))
    except Exception:
        logger.warning("shared fragment %s not stored", name, exc_info=True)
    return html


class _NotStored(Exception):
    """A record's part rendered for sharing may not be stored: the record is no longer
    live, or (FORM_TOKEN, a mistake to log) the render holds a form token."""

    def __init__(self, form_token=False):
        super().__init__()
        self.form_token = form_token


def record_part(request, record, template_name: str, make_context, shows=()) -> str:
    """TEMPLATE_NAME rendered with MAKE_CONTEXT(record)'s values alone (not the
    request's), shared by every reader until RECORD or a record of the models SHOWS
    changes, when RECORD is a live snippet with drafts (its row is then what the public
    registry shows) and REQUEST may share parts; otherwise rendered afresh from RECORD.
    MAKE_CONTEXT is called only when the part is rendered, with the record to show (when
    shared, RECORD read again after the versions, so that a change made meanwhile is not
    stored as current): it must read nothing but that record's public fields and what
    SHOWS names. For a model whose live records are public (the NGO registry, calls)."""

    def render(shown):
        return render_to_string(template_name, make_context(shown))

    shared = (
        _request_shareable(request)
        and isinstance(record, DraftStateMixin)
        and not isinstance(record, Page)  # a live page may still be restricted
        and record.pk is not None
        and record.live
    )
    if not shared:
        return render(record)

    def compute():
        # Called after the tags' versions are read: a change after the caller read RECORD
        # and before them would otherwise be stored under versions it already bumped.
        current = type(record)._default_manager.filter(pk=record.pk, live=True).first()
        if current is None:
            raise _NotStored()
        html = render(current)
        if _holds_token(html):
            raise _NotStored(form_token=True)
        return str(html)

    language = translation.get_language() or ""
    name = f"record-part:{template_name}:{record._meta.label_lower}:{record.pk}:{language}"
    tags = [cache_tags.model_tag(record), *(cache_tags.model_tag(model) for model in shows)]
    try:
        html = cache_tags.fragment(name, compute, tags=tags)
    except _NotStored as refusal:
        if refusal.form_token:
            logger.error("record part %s holds a form token: not shared", template_name)
        return render(record)
    return mark_safe(html)  # noqa: S308 - rendered by the template's autoescaping
