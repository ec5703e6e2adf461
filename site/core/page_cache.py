"""Whole-response cache for anonymous GET requests, made stale by what each page depends on.

What is stored: a 200 answer to a GET from a visitor with no cookie but the CSRF one, that
sets no cookie but the CSRF one and is not marked private. A page with a POST form is
stored with its CSRF and one-time form tokens taken out and served with fresh ones for each
visitor (their own CSRF cookie and token), so no one gets another's.

The key: scheme, host, path, the query parameters the page actually read (learnt on its
first render: `?utm_source=…` or any parameter the page ignores does not make a new entry;
tracking parameters are taken off before the page sees them) and the request headers its
answer varies on (`Vary: Origin` of the API's CORS answers); `Vary: *` is never stored.
A record per address keeps what was learnt (core.page_cache_keys).

Invalidation by dependency (core.cache_tags, core.page_cache_signals): an entry records the
versions of its tags (its page, the models its page type lists, "content" for search, the
API and pages that list anything, "all") and is stale once any is bumped. Clock-driven
changes (a consultation opening or closing) need no editor: an entry lives at most
PAGE_CACHE_SECONDS, never past the next local midnight (lists by date), never past the next
moment a registered lifecycle names (core.lifecycle), and less when a page says so through
`cache_expires_at(request)` or a view through `expire_page_cache_by(request, when)`.

No stampede: one render per key at a time (a short lock). Others get the stale copy for at
most STALE_SECONDS past its end (never after a "hard" change: privacy, unpublishing) or,
with none, wait up to WAIT_SECONDS for the render, then render themselves.

A cache that does not answer is a miss: the page is rendered, never refused. With several
app servers the cache must be a shared one (REDIS_URL; core.checks says so loudly).
"""

import logging
import math
import re
import time
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils import timezone
from django.utils.cache import cc_delim_re

from core import cache_tags, lifecycle
from core.cache_tags import ALL, ANY, CONTENT, FORMAT_VERSION, HARD
from core.page_cache_keys import (
    AddressRecord,
    address_of,
    entry_key,
    lock_key,
    remember,
    remembered,
    strip_tracking,
    track_reads,
)

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 512
STALE_SECONDS = 30  # how long past its end a stale copy may stand in while one renders
LOCK_SECONDS = 10  # a render that takes longer lets another start
WAIT_SECONDS = 1.0  # how long a visitor with no copy at all waits for someone's render
_EXPIRES_ATTR = "_page_cache_expires_at"
_TAGS_ATTR = "_page_cache_tags"


def _cache():
    return cache_tags.cache()


def cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def expire_page_cache_by(request, when: datetime | None) -> None:
    """Keep the response to REQUEST in the cache no later than WHEN (None: no limit)."""
    if when is None or request is None:
        return
    current = getattr(request, _EXPIRES_ATTR, None)
    if current is None or when < current:
        setattr(request, _EXPIRES_ATTR, when)


def depends_on(request, *tags: str) -> None:
    """The response to REQUEST shows what TAGS stand for (core.cache_tags)."""
    setattr(request, _TAGS_ATTR, {*getattr(request, _TAGS_ATTR, set()), *tags})


def invalidate_page_cache() -> None:
    """Make every stored response stale (now, and again when the transaction commits)."""
    cache_tags.bump(ALL)


def next_local_midnight(now: datetime) -> datetime:
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))


def next_site_change(now: datetime) -> datetime:
    """The soonest moment published content changes by the clock alone."""
    moments = [next_local_midnight(now), lifecycle.next_change(now)]
    return min(moment for moment in moments if moment is not None)


def _next_site_change_cached(cache) -> float:
    """next_site_change() as a timestamp, shared until it passes or any content changes."""
    key = f"pagecache:v{FORMAT_VERSION}:clock"
    try:
        found = cache.get_many([key, *cache_tags.version_keys([ALL, CONTENT])])
        entry = found.get(key)
        if entry and cache_tags.still_valid(entry[0], found) and entry[1] > time.time():
            return entry[1]
        current = cache_tags.versions([ALL, CONTENT], found)
    except Exception:
        current = None
    stamp = next_site_change(timezone.now()).timestamp()
    if current is not None:
        try:
            cache.set(key, (current, stamp), timeout=max(1, math.ceil(stamp - time.time())))
        except Exception:
            logger.warning("page cache: clock not stored", exc_info=True)
    return stamp


def seconds_until_site_change() -> float:
    """Seconds until published content next changes by the clock alone (the API's
    Cache-Control bounds a shared cache's copy by it, as this cache bounds its entries)."""
    return max(0.0, _next_site_change_cached(_cache()) - time.time())


# Per-visitor values in a stored page: the form's CSRF token and its one-time form token
# (core.forms.PublicSubmissionForm). Stored as placeholders, filled in for each visitor.
_TOKEN_INPUT = re.compile(rb'<input\b[^>]*\bname="(csrfmiddlewaretoken|form_token)"[^>]*>')
_VALUE_ATTR = re.compile(rb'\bvalue="[^"]*"')
_PLACEHOLDERS = {
    b"csrfmiddlewaretoken": b"\x00pagecache-csrf\x00",
    b"form_token": b"\x00pagecache-form-token\x00",
}


def _with_placeholders(content: bytes) -> tuple[bytes, int]:
    def swap(match):
        placeholder = _PLACEHOLDERS[match.group(1)]
        return _VALUE_ATTR.sub(b'value="' + placeholder + b'"', match.group(0), count=1)

    return _TOKEN_INPUT.subn(swap, content)


# The CSRF middleware's own reading and setting of the cookie, shared: it keeps no state of
# its own between calls (the secret lives in request.META), so one serves every hit.
_CSRF = CsrfViewMiddleware(lambda request: None)


def _fill_tokens(request, content: bytes) -> bytes:
    """CONTENT with this visitor's CSRF token (from their cookie, or a new one, masked
    afresh) and a new form token in every form. The answer must then go through
    `_CSRF.process_response` to set the cookie of a new visitor."""
    _CSRF.process_request(request)
    content = content.replace(_PLACEHOLDERS[b"csrfmiddlewaretoken"], get_token(request).encode())
    parts = content.split(_PLACEHOLDERS[b"form_token"])
    if len(parts) == 1:
        return content
    filled = [parts[0]]
    for part in parts[1:]:
        filled += (str(uuid.uuid4()).encode(), part)
    return b"".join(filled)


def page_tags(request, page) -> set[str]:
    """What an answer showing PAGE to REQUEST depends on: "all", "hard", what the request
    declared (depends_on), the page and the models its type lists (page_cache_lists), or
    "content" when its type does not say; without a page, "any". Shared with the
    fragments of core.shared_fragments, so both are made stale by the same changes."""
    tags = {ALL, HARD, *getattr(request, _TAGS_ATTR, ())}
    if page is None or not hasattr(page, "pk") or not hasattr(page, "path"):
        return tags | {ANY}
    tags.add(cache_tags.page_tag(page.pk))
    lists = getattr(page, "page_cache_lists", None)
    if lists is None:
        return tags | {CONTENT}
    return tags | {CONTENT if x == CONTENT else cache_tags.model_tag(x) for x in lists}


def expires_at(request, page) -> datetime | None:
    """The moment the answer to REQUEST (showing PAGE) must leave any cache: the least of
    what the view said (expire_page_cache_by) and the page's `cache_expires_at(request)`."""
    page_limit = getattr(page, "cache_expires_at", None)
    if callable(page_limit):
        expire_page_cache_by(request, page_limit(request))
    return getattr(request, _EXPIRES_ATTR, None)


def _late_paths() -> tuple[str, ...]:
    return tuple(getattr(settings, "PAGE_CACHE_LATE_PATHS", ()))


class AnonymousPageCacheMiddleware:
    """Serves stored responses to anonymous GETs; stores the cacheable ones.

    Placed first in MIDDLEWARE: a hit runs no other middleware. What those below it do to
    an answer is stored with it: the security middlewares' headers (CSP, Referrer-Policy,
    HSTS over HTTPS only: the scheme is in the key) are replayed, not recomputed. Two
    things a hit must still honour are checked here: a plain-HTTP request when HTTPS is
    due is never served (SecurityMiddleware below redirects it), and the paths of
    PAGE_CACHE_LATE_PATHS (the API, whose answers need per-request work of middlewares
    placed before the cache) are left to LatePageCacheMiddleware.
    """

    late = False  # serves the paths of PAGE_CACHE_LATE_PATHS and no other

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = cache_seconds()
        if (
            seconds <= 0
            or request.path.startswith(_late_paths()) is not self.late
            or not self._request_is_cacheable(request)
        ):
            return self.get_response(request)
        strip_tracking(request)
        cache = _cache()
        try:
            record, known, key, found = self._read(cache, request)
        except Exception:
            logger.warning("page cache unreadable: rendering", exc_info=True)
            return self.get_response(request)
        tags = {ALL, HARD, *record.tags}
        # Without the record, which parameters the page reads is unknown: a stored answer
        # may only stand for a request with none (a record evicted before its entries).
        entry = found.get(key) if known or not request.META.get("QUERY_STRING") else None
        locked = False
        if entry is not None:
            versions, expires = entry[0], entry[1]
            if cache_tags.still_valid(versions, found) and time.time() < expires:
                return self._rebuild(request, entry, "hit")
            locked = self._lock(cache, key)
            if not locked and self._may_stand_in(entry, found):
                return self._rebuild(request, entry, "stale")
        else:
            locked = self._lock(cache, key)
            if not locked and (waited := self._wait_for(cache, key)) is not None:
                return self._rebuild(request, waited, "hit")
        before = cache_tags.versions(tags, found)  # read before rendering: a bump wins
        reads = track_reads(request)
        try:
            response = self.get_response(request)
            self._store(request, response, seconds, record, reads, before)
        finally:
            if locked:
                self._unlock(cache, key)
        return response

    @staticmethod
    def _read(cache, request):
        """The address's record (an empty one if none is known), whether one was stored,
        the entry's key and what was read: the record, the entry and its tags' versions.

        One round trip when this process has read the address's record before: the record
        remembered names the entry's key and tags, and the record read in the same round
        trip confirms it (a record that changed since, e.g. learnt a parameter, names
        another key: that key and any tag not yet read are a second round trip). A wrong
        guess costs a round trip, never a wrong answer: the entry is served only under the
        key the record just read names, and only if every version it recorded was read.
        """
        address = address_of(request)
        record_key = AddressRecord.key(request, address)
        guess = remembered(record_key) or AddressRecord()
        key = entry_key(request, guess, address)
        asked = [record_key, key, *cache_tags.version_keys({ALL, HARD, *guess.tags})]
        found = cache.get_many(asked)
        known = found.get(record_key)
        record = known or AddressRecord()
        if not record.keys_alike(guess):
            key = entry_key(request, record, address)
        wanted = [key, *cache_tags.version_keys({ALL, HARD, *record.tags})]
        asked_names = set(asked)
        missing = [name for name in wanted if name not in asked_names]
        if missing:
            found.update(cache.get_many(missing))
        remember(record_key, known)
        return record, known is not None, key, found

    def _store(self, request, response, seconds, record, reads, before) -> None:
        lifetime = self._lifetime(request, response, seconds)
        if lifetime <= 0 or before is None:
            return
        cache = _cache()
        lifetime = min(lifetime, _next_site_change_cached(cache) - time.time())
        if lifetime <= 0:
            return
        learnt = record.learnt(
            reads.read_names(), response.headers.get("Vary", ""), self._tags(request, response)
        )
        try:
            if learnt != record:
                record_key = AddressRecord.key(request)
                cache.set(record_key, learnt, timeout=24 * 3600)
                remember(record_key, learnt)
            missing = set(learnt.tags) - set(before)
            versions = {**before, **(cache_tags.versions(missing) or {})} if missing else before
            if set(versions) < set(learnt.tags):
                return
            entry = self._freeze(versions, time.time() + lifetime, response)
            if entry is not None:
                key = entry_key(request, learnt)
                cache.set(key, entry, timeout=math.ceil(lifetime) + STALE_SECONDS)
                response.headers["X-Page-Cache"] = "miss"
        except Exception:
            logger.warning("page cache: entry not stored", exc_info=True)

    @staticmethod
    def _tags(request, response) -> set[str]:
        return page_tags(request, (getattr(response, "context_data", None) or {}).get("page"))

    @staticmethod
    def _lock(cache, key) -> bool:
        try:
            return bool(cache.add(lock_key(key), 1, timeout=LOCK_SECONDS))
        except Exception:
            return True  # no lock to be had: render, as without a cache

    @staticmethod
    def _unlock(cache, key) -> None:
        try:
            cache.delete(lock_key(key))
        except Exception:
            logger.warning("page cache: render lock left to expire", exc_info=True)

    @staticmethod
    def _may_stand_in(entry, found) -> bool:
        """A stale copy may be served while another renders: not after a hard change, not
        longer than STALE_SECONDS past its end."""
        versions, expires = entry[0], entry[1]
        hard = cache_tags.version_keys([HARD])[0]
        return versions.get(HARD) == found.get(hard) and time.time() < expires + STALE_SECONDS

    @staticmethod
    def _wait_for(cache, key):
        """Someone else renders KEY: wait for their entry a little, else None."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.05)
            try:
                entry = cache.get(key)
            except Exception:
                return None
            if entry is not None and time.time() < entry[1]:
                return entry
        return None

    @staticmethod
    def _request_is_cacheable(request) -> bool:
        if request.method != "GET":
            return False
        # SecurityMiddleware (after the cache) redirects it to HTTPS: a stored answer
        # must not stand in for the redirect (nor be made from a plain-HTTP render).
        if settings.SECURE_SSL_REDIRECT and not request.is_secure():
            return False
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
            return False
        path = request.path
        if path.startswith(tuple(getattr(settings, "PAGE_CACHE_EXCLUDED_PATHS", ()))):
            return False
        # Any cookie but the CSRF one may mean a session, messages or a preference.
        return all(name == settings.CSRF_COOKIE_NAME for name in request.COOKIES)

    @staticmethod
    def _lifetime(request, response, seconds: int) -> float:
        """Seconds the response may be served from the cache; 0 when it must not be stored."""
        if response.status_code != 200 or response.streaming:
            return 0
        # The CSRF cookie is the only one a page may set and still be stored (see _freeze).
        if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
            return 0
        cache_control = {
            part.split("=", 1)[0].strip().lower()
            for part in cc_delim_re.split(response.headers.get("Cache-Control", ""))
        }
        if cache_control & {"private", "no-store", "no-cache"}:
            return 0
        if "*" in {name.strip() for name in response.headers.get("Vary", "").split(",")}:
            return 0
        page = (getattr(response, "context_data", None) or {}).get("page")
        limit = expires_at(request, page)
        if limit is not None:
            return min(seconds, (limit - timezone.now()).total_seconds())
        return seconds

    @staticmethod
    def _freeze(versions: dict, expires: float, response) -> tuple | None:
        """The entry to store, or None when the page holds a per-visitor value we cannot
        take out (a CSRF cookie set but no token field found: it is used some other way)."""
        content = response.content
        has_tokens = False
        if response.cookies:
            content, replaced = _with_placeholders(content)
            if not replaced:
                return None
            has_tokens = True
        # As Django's ResponseHeaders keep them: {lowercase name: (name, value)}, the
        # values already checked and encoded (see _rebuild).
        headers = {
            name.lower(): (name, value)
            for name, value in response.headers.items()
            if name.lower() not in ("set-cookie", "content-length")
        }
        return (versions, expires, response.status_code, headers, content, has_tokens)

    @staticmethod
    def _rebuild(request, entry, state):
        _versions, _expires, status, headers, content, has_tokens = entry
        if has_tokens:
            content = _fill_tokens(request, content)
        response = HttpResponse(content, status=status)
        # The stored headers were read from a response's ResponseHeaders, so they are put
        # back into its store as they were: setting each again re-checked and re-encoded
        # every name and value (a dozen on a page, a tenth of a hit's CPU time).
        response.headers._store.update(headers)
        response.headers._store["x-page-cache"] = ("X-Page-Cache", state)
        if has_tokens:
            _CSRF.process_response(request, response)
        return response


class LatePageCacheMiddleware(AnonymousPageCacheMiddleware):
    """The same cache for the paths of PAGE_CACHE_LATE_PATHS, placed after the middlewares
    their answers need on every request, hits included (the API's ETag, 304 and
    Cache-Control, api.http), as the whole cache was before it moved first."""

    late = True
