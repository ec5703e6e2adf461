"""Counting failed logins, per client address and user name, in the shared cache.

A lock is per (address, user name), so nobody can lock a colleague out from elsewhere,
plus a wider limit per address against trying many user names from one place.
Keys are hashed with the secret key: the cache holds no addresses or logins.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from core.ratelimit import client_address

logger = logging.getLogger("accounts.login")

LOCKED_MESSAGE = (
    "Zbyt wiele nieudanych prób logowania. Spróbuj ponownie za kilkanaście minut "
    "albo ustaw nowe hasło przez „Nie pamiętasz hasła?”."
)


def _key(kind: str, *parts: str) -> str:
    raw = "|".join((settings.SECRET_KEY, *parts))
    return f"login-fail:{kind}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"


def _keys(request, username: str) -> tuple[str, str]:
    address = client_address(request)
    return (
        _key("user", address, username.strip().casefold()),
        _key("addr", address),
    )


def is_locked(request, username: str) -> bool:
    """True when this address has failed too often, for this user name or overall."""
    user_key, address_key = _keys(request, username)
    counts = cache.get_many([user_key, address_key])
    return (
        counts.get(user_key, 0) >= settings.LOGIN_FAILURE_LIMIT
        or counts.get(address_key, 0) >= settings.LOGIN_FAILURE_ADDRESS_LIMIT
    )


def _increment(key: str) -> int:
    cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW)
        return 1


def record_failure(request, username: str) -> None:
    user_key, address_key = _keys(request, username)
    count = _increment(user_key)
    _increment(address_key)
    if count == settings.LOGIN_FAILURE_LIMIT:
        logger.warning("Login locked for a user name after %d failures", count)


def clear(request, username: str) -> None:
    """A successful login forgets this user name's failures from this address."""
    user_key, _address_key = _keys(request, username)
    cache.delete(user_key)
