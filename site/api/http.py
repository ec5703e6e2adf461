"""HTTP semantics of every /api/ answer: validators, 304s, caching headers, JSON errors.

Placed before the page cache's late position (core.page_cache.LatePageCacheMiddleware,
which caches the API's answers: PAGE_CACHE_LATE_PATHS), so a stored answer gets them as a
rendered one does:

- `ETag`: a strong validator, the hash of the body. A body is the same for every caller
  (the API serves public content only), so equal bodies are equal answers; a change by an
  editor or by the clock (a consultation closing) changes the body, hence the tag. No
  version counter to keep in step with the page cache's tags: the page cache already
  makes the body stale when they are bumped.
- `Last-Modified`: since when this address (host, path, query) has served this body
  (kept in the cache beside the page cache's entries, `core.cache_tags.cache()`); a
  different body at the address, even one it served before (a change undone), starts a
  new date, so an `If-Modified-Since` from a copy of the changed body is never a 304
  (an address's body keyed by the body alone would carry the date another address, or
  an older state, first served it). With no cache to ask, left out (the ETag alone
  still gives 304s).
- A GET or HEAD with `If-None-Match` (or, without it, `If-Modified-Since`) that matches
  is answered 304 with no body (Django's `get_conditional_response`, RFC 9110 rules).
- `Cache-Control`: a 200 is public (a CDN may keep it) for at most API_BROWSER_SECONDS in
  a browser and API_CDN_SECONDS in a shared cache, never past the next moment published
  content changes by the clock (core.page_cache.seconds_until_site_change), then
  revalidated with the ETag. An answer that says `private` or `no-store` itself (a
  preview) keeps it; errors are `no-cache`.
- Errors: every 4xx/5xx under /api/ has a JSON body with a `message` (DRF's 405 says
  `detail`, Django's CSRF and method refusals are HTML).
"""

import hashlib
import json
import logging
import time

from django.conf import settings
from django.http import JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from api import rich_text
from core import cache_tags
from core.page_cache import seconds_until_site_change

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
SEEN_SECONDS = 7 * 24 * 3600  # a body not served for a week gets a new Last-Modified


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def body_etag(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def first_served(request, etag: str) -> float | None:
    """Since when REQUEST's address has served the body with ETAG (now, if it served
    another last); None if the cache fails."""
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()[:32]
    key = f"api:v2:served-since:{address}"
    store = cache_tags.cache()
    try:
        seen = store.get(key)
        if not (isinstance(seen, tuple | list) and len(seen) == 2 and seen[0] == etag):
            seen = (etag, int(time.time()))
        store.set(key, tuple(seen), timeout=SEEN_SECONDS)
        return seen[1]
    except Exception:
        logger.warning("api: no Last-Modified (cache unreadable)", exc_info=True)
        return None


def _message(response) -> str | None:
    """The `message` an error body already carries, or None."""
    if not response.get("Content-Type", "").startswith("application/json"):
        return None
    try:
        data = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return None
    if isinstance(data, dict) and isinstance(data.get("message"), str):
        return data["message"]
    if isinstance(data, dict) and isinstance(data.get("detail"), str):
        return data["detail"]  # DRF's own errors (405, 406, 415)
    return None


def json_error(response) -> JsonResponse:
    """RESPONSE (an error) with a JSON body that has a `message`; its headers kept."""
    message = _message(response)
    if message is not None and b'"message"' in response.content:
        return response
    text = message or (response.reason_phrase or "error").lower()
    converted = JsonResponse({"message": text}, status=response.status_code)
    # Every header but the body's own (CORS, Allow, Retry-After, Vary, a private
    # Cache-Control, security headers) and the cookies stay as they were.
    for name, value in response.items():
        if name.lower() not in ("content-type", "content-length", "content-language"):
            converted[name] = value
    converted.cookies = response.cookies
    return converted


def cache_control(response) -> None:
    existing = response.get("Cache-Control", "").lower()
    if "private" in existing or "no-store" in existing:
        return
    if response.status_code != 200:
        response["Cache-Control"] = "no-cache"
        return
    # Whole seconds: Cache-Control's delta-seconds is an integer (RFC 9111, 1.2.2).
    shared = max(0, min(_setting("API_CDN_SECONDS", 60), int(seconds_until_site_change())))
    browser = min(_setting("API_BROWSER_SECONDS", 60), shared)
    response["Cache-Control"] = f"public, max-age={browser}, s-maxage={shared}, must-revalidate"


class APIHTTPMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        # Rich text's links made absolute on this request's site (api.rich_text).
        with rich_text.for_request(request):
            response = self.get_response(request)
        if response.status_code >= 400:
            response = json_error(response)
        if response.streaming or request.method not in ("GET", "HEAD"):
            return response
        cache_control(response)
        control = response.get("Cache-Control", "")
        if response.status_code != 200 or "private" in control or "no-store" in control:
            return response
        # The body never depends on a session (api.visibility): a CDN must not key on it.
        vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
        if any(v.lower() == "cookie" for v in vary):
            response["Vary"] = ", ".join(v for v in vary if v.lower() != "cookie")
        etag = body_etag(response.content)
        response["ETag"] = etag
        if (seen := first_served(request, etag)) is not None:
            response["Last-Modified"] = http_date(seen)
        answer = get_conditional_response(
            request, etag=etag, last_modified=seen and int(seen), response=response
        )
        if answer is not response:
            # Django's 304 keeps only the validators and caching headers; without CORS's a
            # front end on another origin could not read its own revalidation.
            for name, value in response.items():
                if name.lower().startswith("access-control-"):
                    answer[name] = value
        return answer
