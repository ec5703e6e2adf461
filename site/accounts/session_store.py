"""Django's cached_db sessions, read with the signed-in user's snapshot in one round trip.

A signed-in request read its session from the sessions' cache, then, once the session had
named the user, the user's snapshot (accounts.user_snapshot) from the same cache: two round
trips to Redis, one after the other, on every request. Each process remembers which user
the last load of a session named, and the next load of that session reads that user's
snapshot keys in the same MGET as the session. When the session read names that user,
what was read is offered to `user_snapshot.load` (`user_snapshot.offer`), which takes it
instead of asking again: read a moment earlier than it would have read it, which is safe
because the entry and the versions that say whether it is fresh come from the same MGET.

A guess, never trusted: offered only for the user the session itself names, once. A
session missing from the cache is read by Django (the database, then the cache filled); a
session ended (a logout, an administrator's reset, expiry) forgets its pair. Kept per
process: the pairing of a session key with a user id, at most MAX_SESSIONS of them
(emptied when full). The async path (`aload`) is Django's own: two round trips.

The same MGET goes further when it can: `read_ahead` names these keys to core.cache_reads,
which reads them with the page's shared fragments when the sessions' cache is the same
keys on the same Redis as the fragments' (production's default), so that a signed-in
request starts with one round trip to Redis, not two.
"""

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import cached_db
from django.core.cache import caches

from accounts import user_snapshot
from core import cache_reads

MAX_SESSIONS = 10_000

# session key -> the user id its last load named, as the session holds it (a string).
_users: dict[str, str] = {}


class SessionStore(cached_db.SessionStore):
    def load(self):
        # Django's load forgets the key of a session it cannot find (`_session_key` None).
        key = self.session_key
        user_id = _users.get(key) if key else None
        data = None
        if user_id is not None and user_snapshot.enabled():
            data = self._load_with_user(user_id)
        if data is None:
            data = super().load()
        _note_user(key, data.get(SESSION_KEY))
        return data

    def _load_with_user(self, user_id: str) -> dict | None:
        """The session's data from the cache, read with USER_ID's snapshot keys (offered
        to user_snapshot.load when the session names that user); None when the cache
        does not hold the session."""
        try:
            keys = [self.cache_key, *user_snapshot.keys_for(user_id)]
            found = cache_reads.get_many(self._cache, keys, visitors=True)
        except Exception:  # as Django's load: a cache that fails is a miss
            return None
        data = found.get(self.cache_key)
        if data is not None and str(data.get(SESSION_KEY)) == user_id:
            user_snapshot.offer(user_id, found)
        return data

    def save(self, must_create=False):
        cache_reads.changed()  # what the request read ahead of the session is old now
        super().save(must_create)

    def delete(self, session_key=None):
        cache_reads.changed()
        _note_user(session_key or self.session_key, None)
        super().delete(session_key)


def _note_user(session_key, user_id) -> None:
    if not session_key:
        return
    if user_id is None:
        _users.pop(session_key, None)
        return
    if len(_users) >= MAX_SESSIONS and session_key not in _users:
        _users.clear()
    _users[session_key] = str(user_id)


def read_ahead(request):
    """For core.cache_reads (`read_with`): (the sessions' cache, the keys `load` will read)
    for REQUEST's session cookie when this process knows the user its session named; else
    None (no cookie, a session this process has not loaded, no user snapshots)."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    user_id = _users.get(key) if key else None
    if user_id is None or not user_snapshot.enabled():
        return None
    keys = [SessionStore.cache_key_prefix + key, *user_snapshot.keys_for(user_id)]
    return caches[settings.SESSION_CACHE_ALIAS], keys
