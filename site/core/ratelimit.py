"""A per-address limit for public forms and logins, kept in the shared counters cache.

How many attempts each kind of form allows, and in what period, is the one setting
`RATE_LIMITS` (`{kind: (attempts, seconds)}`), read here only. The counts live in the
cache alias "counters" (never the page cache's, which may evict): with Redis down they are
kept in the process's memory (core.cache), so a limit keeps limiting.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches

COUNTERS_ALIAS = "counters"


def counters():
    """The cache that holds rate-limit and failed-login counts."""
    return caches[COUNTERS_ALIAS]


def increment(key: str, period: int) -> int:
    """Add one to the count at KEY, which lives PERIOD seconds from its first count; the
    new count. Atomic on Redis (INCR); the count restarts when it has expired."""
    store = counters()
    store.add(key, 0, timeout=period)
    try:
        return store.incr(key)
    except ValueError:  # expired between add and incr
        store.set(key, 1, timeout=period)
        return 1


def client_address(request) -> str:
    """The client's IP: REMOTE_ADDR, or the address the trusted proxies saw."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def limit_for(scope: str) -> tuple[int, int]:
    """(attempts, period in seconds) allowed from one address for SCOPE, from RATE_LIMITS."""
    limit, period = settings.RATE_LIMITS[scope]
    return int(limit), int(period)


def is_rate_limited(
    request, scope: str, limit: int | None = None, period: int | None = None
) -> bool:
    """Count one attempt for this client in SCOPE; True when it is over LIMIT in PERIOD seconds.

    LIMIT and PERIOD default to the scope's entry in settings.RATE_LIMITS (forms give
    none). The address is hashed with the secret key, so the cache holds no personal data.
    """
    if limit is None or period is None:
        limit, period = limit_for(scope)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{client_address(request)}".encode())
    return increment(f"ratelimit:{scope}:{digest.hexdigest()[:24]}", period) > limit
