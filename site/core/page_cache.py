"""Whole-response cache for anonymous GET requests, invalidated whenever published content changes.

What is stored: a 200 answer to a GET from a visitor with no cookie but the CSRF one, that
sets no cookie but the CSRF one and is not marked private. The key is the host, path and
query string; the value carries the cache "generation" it was made in. A page with a POST
form is stored with its CSRF and one-time form tokens taken out and served with fresh
ones for each visitor (their own CSRF cookie and token), so no one gets another's.

Invalidation: any publish, unpublish, move or delete of a page, and any save or delete of a
snippet, a setting, a document, an image, a site or a view restriction draws a new
generation, so every stored response is stale at once (editors change things a few times
a day; visitors read thousands of times). Clock-driven changes (a consultation opening or
closing) need no editor: an entry lives at most PAGE_CACHE_SECONDS, never past the next
local midnight (lists by date), never past the next moment a registered lifecycle names
(core.lifecycle: the soonest opening, closing or deadline among published items, which home
pages, lists, feeds and the API all show),
and less when a page says so through `cache_expires_at(request)` or a view through
`expire_page_cache_by(request, when)`.

With several app servers the cache must be the shared one (REDIS_URL); with the local-memory
cache each process invalidates only itself and the other processes catch up within the TTL.
"""

import hashlib
import math
import re
import time
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils import timezone
from django.utils.cache import cc_delim_re

from core import lifecycle

GENERATION_KEY = "pagecache:generation"
MAX_QUERY_LENGTH = 512
_EXPIRES_ATTR = "_page_cache_expires_at"


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def expire_page_cache_by(request, when: datetime | None) -> None:
    """Keep the response to REQUEST in the cache no later than WHEN (None: no limit)."""
    if when is None or request is None:
        return
    current = getattr(request, _EXPIRES_ATTR, None)
    if current is None or when < current:
        setattr(request, _EXPIRES_ATTR, when)


def _new_generation() -> str:
    return uuid.uuid4().hex[:12]


def invalidate_page_cache() -> None:
    """Make every stored response stale: now, and again when the current transaction commits.

    The second time matters: a request served between the first bump and the commit could
    otherwise store what the database showed before the change.
    """

    def bump():
        _cache().set(GENERATION_KEY, _new_generation(), timeout=None)

    bump()
    transaction.on_commit(bump)


def next_local_midnight(now: datetime) -> datetime:
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))


def next_site_change(now: datetime) -> datetime:
    """The soonest moment published content changes by the clock alone."""
    moments = [next_local_midnight(now), lifecycle.next_change(now)]
    return min(moment for moment in moments if moment is not None)


def _next_site_change_cached(cache, generation: str) -> float:
    """next_site_change() as a timestamp, computed once per generation until it passes."""
    key = f"pagecache:clock:{generation}"
    stamp = cache.get(key)
    if stamp is None or stamp <= time.time():
        stamp = next_site_change(timezone.now()).timestamp()
        cache.set(key, stamp, timeout=max(1, math.ceil(stamp - time.time())))
    return stamp


def _current_generation(cache, known: str | None) -> str:
    if known:
        return known
    cache.add(GENERATION_KEY, _new_generation(), timeout=None)
    return cache.get(GENERATION_KEY) or ""


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


def _fill_tokens(request, content: bytes) -> tuple[bytes, CsrfViewMiddleware]:
    """CONTENT with this visitor's CSRF token (from their cookie, or a new one) and a new
    form token in every form; the CSRF middleware that must set the cookie on the answer."""
    csrf = CsrfViewMiddleware(lambda request: None)
    csrf.process_request(request)
    token = get_token(request).encode()
    content = content.replace(_PLACEHOLDERS[b"csrfmiddlewaretoken"], token)
    form_token = _PLACEHOLDERS[b"form_token"]
    while form_token in content:
        content = content.replace(form_token, str(uuid.uuid4()).encode(), 1)
    return content, csrf


class AnonymousPageCacheMiddleware:
    """Serves stored responses to anonymous GETs; stores the cacheable ones.

    Placed right after the security middlewares, so a hit skips sessions, auth, URL
    resolution and Wagtail's routing; security headers are still added on the way out.
    A page with a POST form is stored with its tokens taken out: each visitor gets their
    own CSRF token (and cookie) and a fresh one-time form token, as an uncached page would.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = cache_seconds()
        if seconds <= 0 or not self._request_is_cacheable(request):
            return self.get_response(request)
        cache = _cache()
        key = self._key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = _current_generation(cache, found.get(GENERATION_KEY))
        entry = found.get(key)
        if entry is not None and entry[0] == generation and time.time() < entry[1]:
            return self._rebuild(request, entry)

        response = self.get_response(request)
        lifetime = self._lifetime(request, response, seconds)
        if lifetime > 0:
            until_change = _next_site_change_cached(cache, generation) - time.time()
            lifetime = min(lifetime, until_change)
        entry = self._freeze(generation, time.time() + lifetime, response) if lifetime > 0 else None
        if entry is not None:
            cache.set(key, entry, timeout=math.ceil(lifetime))
            response.headers["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _request_is_cacheable(request) -> bool:
        if request.method != "GET":
            return False
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
            return False
        path = request.path
        if path.startswith(tuple(getattr(settings, "PAGE_CACHE_EXCLUDED_PATHS", ()))):
            return False
        # Any cookie but the CSRF one may mean a session, messages or a preference.
        return all(name == settings.CSRF_COOKIE_NAME for name in request.COOKIES)

    @staticmethod
    def _key(request) -> str:
        raw = f"{request.get_host()}|{request.path}|{request.META.get('QUERY_STRING', '')}"
        return "pagecache:page:" + hashlib.sha256(raw.encode()).hexdigest()[:32]

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
        if response.headers.get("Vary", "").strip() == "*":
            return 0
        expires_at = getattr(request, _EXPIRES_ATTR, None)
        page = (getattr(response, "context_data", None) or {}).get("page")
        page_limit = getattr(page, "cache_expires_at", None)
        if callable(page_limit):
            expire_page_cache_by(request, page_limit(request))
            expires_at = getattr(request, _EXPIRES_ATTR, None)
        if expires_at is not None:
            return min(seconds, (expires_at - timezone.now()).total_seconds())
        return seconds

    @staticmethod
    def _freeze(generation: str, expires: float, response) -> tuple | None:
        """The entry to store, or None when the page holds a per-visitor value we cannot
        take out (a CSRF cookie set but no token field found: it is used some other way)."""
        content = response.content
        has_tokens = False
        if response.cookies:
            content, replaced = _with_placeholders(content)
            if not replaced:
                return None
            has_tokens = True
        headers = [
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in ("set-cookie", "content-length")
        ]
        return (generation, expires, response.status_code, headers, content, has_tokens)

    @staticmethod
    def _rebuild(request, entry):
        _generation, _expires, status, headers, content, has_tokens = entry
        csrf = None
        if has_tokens:
            content, csrf = _fill_tokens(request, content)
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response.headers[name] = value
        response.headers["X-Page-Cache"] = "hit"
        if csrf is not None:
            csrf.process_response(request, response)
        return response
