"""Sessions are read from the cache (cached_db) and written through to the database: a
signed-in request reads no session row, and a session ended anywhere is ended everywhere.
Redis outages: tests/core/test_cache_outage.py."""

from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from accounts import session_store, user_sessions

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
