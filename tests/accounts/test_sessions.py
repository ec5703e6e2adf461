"""Sessions are read from the cache (cached_db) and written through to the database: a
signed-in request reads no session row, and a session ended anywhere is ended everywhere.
Redis outages: tests/core/test_cache_outage.py."""

from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from accounts import user_sessions

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
