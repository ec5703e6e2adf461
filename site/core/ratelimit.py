"""A per-address limit for public forms and logins, kept in the shared cache."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The client's IP: REMOTE_ADDR, or the address the trusted proxies saw."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def is_rate_limited(request, scope: str, limit: int, period: int) -> bool:
    """Count one attempt for this client in SCOPE; True when it is over LIMIT in PERIOD seconds.

    The address is hashed with the secret key, so the cache holds no personal data.
    """
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{client_address(request)}".encode())
    key = f"ratelimit:{scope}:{digest.hexdigest()[:24]}"
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period)
        count = 1
    return count > limit
