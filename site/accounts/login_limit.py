"""Counting failed logins (wrong passwords and wrong second-factor codes), per client
address and user name, in the shared counters cache (core.ratelimit.counters: with Redis
down, in the process's memory, so the lock still holds).

Passwords: a lock is per (address, user name), so nobody can lock a colleague out from
elsewhere, plus a wider limit per address against trying many user names from one place;
a correct password clears its (address, user name) count.

Second factor: a counter of its own, per account and from any address. Only whoever
already holds the password reaches the code, so the password must not clear it (else
logging in again would give unlimited guesses), nor may a new address; only a correct
code, or an administrator's reset of the devices, clears it.

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
SECOND_FACTOR_LOCKED_MESSAGE = (
    "Zbyt wiele błędnych kodów. Spróbuj ponownie za kilkanaście minut. Jeśli nie masz "
    "ani telefonu z aplikacją, ani kodów zapasowych, poproś administratora portalu "
    "o wyzerowanie logowania dwuetapowego."
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


def _second_factor_key(user) -> str:
    return _key("second-factor", str(user.pk))


def second_factor_locked(user) -> bool:
    """True when USER's account has had too many wrong codes, from anywhere."""
    return counters().get(_second_factor_key(user), 0) >= settings.SECOND_FACTOR_FAILURE_LIMIT


def record_second_factor_failure(user) -> None:
    count = increment(_second_factor_key(user), settings.SECOND_FACTOR_FAILURE_WINDOW)
    if count == settings.SECOND_FACTOR_FAILURE_LIMIT:
        logger.warning("Second factor locked for an account after %d wrong codes", count)


def clear_second_factor(user) -> None:
    """A correct code (or an administrator's reset) forgets the account's wrong codes."""
    counters().delete(_second_factor_key(user))
