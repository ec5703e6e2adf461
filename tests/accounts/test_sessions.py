"""Sessions are read from the cache (cached_db) and written through to the database: a
signed-in request reads no session row, and a session ended anywhere is ended everywhere.
Redis outages: tests/core/test_cache_outage.py."""

import uuid
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

import pytest

from accounts import session_store, user_sessions, user_snapshot
from core import cache_reads
from tests.accounts.conftest import ONE_REDIS_URL

pytestmark = pytest.mark.django_db


def store(key):
    return import_module(settings.SESSION_ENGINE).SessionStore(key)


def test_a_signed_in_request_reads_no_session_row(client, sections, staff_user):
    client.force_login(staff_user)
    client.get("/intranet/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/intranet/")
    assert response.status_code == 200 and response.wsgi_request.user == staff_user
    assert not [q["sql"] for q in queries if "django_session" in q["sql"]]
    # Written through: the database holds the session the cache serves.
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert Session.objects.get(session_key=key).get_decoded()["_auth_user_id"] == str(staff_user.pk)


def test_a_logout_ends_the_session_in_the_cache_too(client, sections, staff_user):
    client.force_login(staff_user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get("/intranet/").status_code == 200
    client.post("/wylogowanie/")
    assert not Session.objects.filter(session_key=key).exists()
    assert store(key).load() == {}
    client.cookies[settings.SESSION_COOKIE_NAME] = key  # the old cookie, replayed
    assert client.get("/intranet/").status_code == 302


def test_ending_a_users_sessions_ends_them_in_the_cache_too(client, sections, staff_user):
    client.force_login(staff_user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get("/intranet/").status_code == 200
    assert user_sessions.end_sessions(staff_user) == 1
    assert store(key).load() == {}
    assert client.get("/intranet/").status_code == 302


def _sessions_cache_reads(monkeypatch) -> list[str]:
    """The names of the sessions' cache reads from now on, in order (a memory cache's
    get_many calls its get for each key: those are not reads of their own)."""
    cache, reads, depth = caches["sessions"], [], [0]
    for name in ("get", "get_many"):
        original = getattr(cache, name)

        def counted(*args, _original=original, _name=name, **kwargs):
            if not depth[0]:
                reads.append(_name)
            depth[0] += 1
            try:
                return _original(*args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(cache, name, counted)
    return reads


def test_the_session_and_its_users_snapshot_are_read_in_one_round_trip(
    client, sections, staff_user, monkeypatch
):
    client.force_login(staff_user)
    client.get("/intranet/")  # the process learns which user the session names
    reads = _sessions_cache_reads(monkeypatch)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/intranet/")
    assert response.status_code == 200 and response.wsgi_request.user == staff_user
    assert reads == ["get_many"]
    assert not [q["sql"] for q in queries if '"auth_user"."password"' in q["sql"]]  # no user row


def test_a_wrong_guess_of_the_sessions_user_reads_the_right_one(
    client, sections, staff_user, partner_user, monkeypatch
):
    client.force_login(staff_user)
    client.get("/intranet/")
    other = Client()
    other.force_login(partner_user)
    other.get("/")  # the partner's snapshot is in the cache
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    session_store._users[key] = str(partner_user.pk)  # as if another user's session had it
    reads = _sessions_cache_reads(monkeypatch)
    response = client.get("/intranet/")
    assert response.status_code == 200 and response.wsgi_request.user == staff_user
    # The partner's snapshot, read with the session, was not offered: the staff member's
    # was read on its own.
    assert reads == ["get_many", "get_many"]
    assert session_store._users[key] == str(staff_user.pk)


def test_a_failing_read_with_the_user_falls_back_to_djangos(
    client, sections, staff_user, monkeypatch
):
    client.force_login(staff_user)
    client.get("/intranet/")

    def fails(*args, **kwargs):
        raise ValueError("the cache failed")

    monkeypatch.setattr(caches["sessions"], "get_many", fails)
    response = client.get("/intranet/")
    assert response.status_code == 200 and response.wsgi_request.user == staff_user


def test_an_ended_session_forgets_its_user(client, sections, staff_user):
    client.force_login(staff_user)
    client.get("/intranet/")
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert session_store._users[key] == str(staff_user.pk)
    client.post("/wylogowanie/")
    assert key not in session_store._users


def test_a_session_missing_from_the_cache_is_read_from_the_database(client, sections, staff_user):
    client.force_login(staff_user)
    client.get("/intranet/")
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    caches["sessions"].delete(store(key).cache_key)  # evicted, or written while Redis was down
    response = client.get("/intranet/")
    assert response.status_code == 200 and response.wsgi_request.user == staff_user
    assert caches["sessions"].get(store(key).cache_key)["_auth_user_id"] == str(staff_user.pk)


# With one Redis for the fragments and the sessions, as production has by default (the
# sessions' cache on REDIS_COUNTERS_URL, which is REDIS_URL unless set; one key prefix),
# the session and its user's snapshot are read in the read-ahead's MGET (core.cache_reads).
REDIS_URL = ONE_REDIS_URL


@pytest.fixture
def redis_commands(monkeypatch):
    """The Redis commands the real client sends, in order: (name, its arguments)."""
    import redis

    sent = []
    original = redis.Redis.execute_command

    def counting(self, *args, **options):
        sent.append((args[0], [str(arg) for arg in args[1:]]))
        return original(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", counting)
    return sent


def _reads(sent) -> list[list[str]]:
    """The keys of each MGET and GET sent."""
    return [keys for name, keys in sent if name in ("MGET", "GET")]


def test_with_one_redis_a_signed_in_request_reads_redis_once(
    one_redis, redis_commands, client, sections, staff_user
):
    client.force_login(staff_user)
    client.get("/intranet/")  # the process learns the session's user, the path its plan
    client.get("/intranet/")
    redis_commands.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/intranet/")
    assert response.status_code == 200 and response.wsgi_request.user == staff_user
    [keys] = _reads(redis_commands)  # one MGET: the fragments, the session, the snapshot
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert any(k.endswith(f"django.contrib.sessions.cached_db{key}") for k in keys)
    assert any(k.endswith(f"user-snapshot:v1:user:{staff_user.pk}") for k in keys)
    assert not [q["sql"] for q in queries if "django_session" in q["sql"]]
    assert not [q["sql"] for q in queries if '"auth_user"."password"' in q["sql"]]
    # The visitor's keys are never part of what the path reads ahead for everyone.
    assert not [k for plan in cache_reads._plans.values() for k in plan if key in k]
    assert not [k for plan in cache_reads._plans.values() for k in plan if "user-snapshot" in k]


def test_another_visitors_session_is_never_read_with_mine(
    one_redis, redis_commands, client, sections, staff_user, partner_user
):
    client.force_login(staff_user)
    other = Client()
    other.force_login(partner_user)
    for visitor in (client, other, client, other):
        visitor.get("/")
    redis_commands.clear()
    response = other.get("/")
    assert response.wsgi_request.user == partner_user
    [keys] = _reads(redis_commands)  # the partner's own session and snapshot, read ahead
    theirs = other.cookies[settings.SESSION_COOKIE_NAME].value
    mine = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert any(k.endswith(f"django.contrib.sessions.cached_db{theirs}") for k in keys)
    assert any(k.endswith(f":user:{partner_user.pk}") for k in keys)
    assert not any(mine in k or k.endswith(f":user:{staff_user.pk}") for k in keys)


def test_a_session_ended_elsewhere_is_not_served_from_the_read_ahead(
    one_redis, redis_commands, client, sections, staff_user
):
    client.force_login(staff_user)
    client.get("/intranet/")
    client.get("/intranet/")
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert user_sessions.end_sessions(staff_user) == 1
    # As in another process, which still remembers whose the session was.
    session_store._users[key] = str(staff_user.pk)
    redis_commands.clear()
    assert client.get("/intranet/").status_code == 302
    first = _reads(redis_commands)[0]
    assert any(k.endswith(f"django.contrib.sessions.cached_db{key}") for k in first)


@pytest.mark.parametrize("other", ["prefix", "outage"])
def test_a_sessions_cache_unlike_the_fragments_is_read_on_its_own(
    one_redis, redis_commands, settings, client, sections, staff_user, other
):
    # Other keys (a prefix of its own), or the same keys answered otherwise in an outage
    # (only "miss" repairs lost writes before reading).
    sessions = {**settings.CACHES["default"]}
    if other == "prefix":
        sessions["KEY_PREFIX"] = f"test-sessions-own-{uuid.uuid4().hex[:8]}"
    else:
        sessions["OUTAGE"] = "local"
    prefix = sessions["KEY_PREFIX"]
    settings.CACHES = {**settings.CACHES, "sessions": sessions}
    try:
        client.force_login(staff_user)
        client.get("/intranet/")
        client.get("/intranet/")
        redis_commands.clear()
        response = client.get("/intranet/")
        assert response.status_code == 200 and response.wsgi_request.user == staff_user
        reads = _reads(redis_commands)
        assert len(reads) == 2  # the fragments; the session with its snapshot
        assert all(k.startswith(f"{prefix}:") for k in reads[1])
    finally:
        import redis

        server = redis.Redis.from_url(REDIS_URL)
        for key in server.scan_iter(f"{prefix}:*"):
            server.delete(key)


def test_a_write_to_the_cache_drops_the_read_ahead_session(
    one_redis, redis_commands, client, sections, staff_user, monkeypatch
):
    client.force_login(staff_user)
    client.get("/intranet/")
    client.get("/intranet/")
    original = session_store.SessionStore.load

    def written_first(self):
        cache_reads.changed()  # as a fragment stored or a bump before the session is read
        return original(self)

    monkeypatch.setattr(session_store.SessionStore, "load", written_first)
    redis_commands.clear()
    response = client.get("/intranet/")
    assert response.status_code == 200 and response.wsgi_request.user == staff_user
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    session_reads = [keys for keys in _reads(redis_commands) if any(key in k for k in keys)]
    assert len(session_reads) == 2  # read ahead, then read again: not taken from before


def test_the_sessions_own_writes_drop_what_was_read_ahead(one_redis, client, sections, staff_user):
    client.force_login(staff_user)
    client.get("/intranet/")
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    request = RequestFactory().get("/intranet/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = key
    writes = {
        "a session saved": lambda: store(key).save(),
        "a user's snapshot made stale": lambda: user_snapshot.forget_users([staff_user.pk]),
        "a session deleted": lambda: store(key).delete(),
    }
    for what, write in writes.items():
        token = cache_reads.begin(caches["default"], request)
        try:
            assert cache_reads._current.get().companions, what  # read ahead
            write()
            assert cache_reads._current.get().companions is None, what
        finally:
            cache_reads.end(token, request, None)
