"""Counting failed logins (wrong passwords and wrong second-factor codes), per client
address and user name, in the shared counters cache (core.ratelimit.counters: with Redis
down, in the process's memory, so the lock still holds).

A lock is per (address, user name), so nobody can lock a colleague out from elsewhere,
plus a wider limit per address against trying many user names from one place.
Keys are hashed with the secret key: the cache holds no addresses or logins.
"""

import hashlib
import logging

from django.conf import settings

from core.ratelimit import client_address, counters, increment

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
    counts = counters().get_many([user_key, address_key])
    return (
        counts.get(user_key, 0) >= settings.LOGIN_FAILURE_LIMIT
        or counts.get(address_key, 0) >= settings.LOGIN_FAILURE_ADDRESS_LIMIT
    )


def record_failure(request, username: str) -> None:
    user_key, address_key = _keys(request, username)
    count = increment(user_key, settings.LOGIN_FAILURE_WINDOW)
    increment(address_key, settings.LOGIN_FAILURE_WINDOW)
    if count == settings.LOGIN_FAILURE_LIMIT:
        logger.warning("Login locked for a user name after %d failures", count)


def clear(request, username: str) -> None:
    """A successful login forgets this user name's failures from this address."""
    user_key, _address_key = _keys(request, username)
    counters().delete(user_key)
