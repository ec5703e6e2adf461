"""Redis stopped under the site: pages still render, submissions are stored, limits still
limit; started again, the cache is used again. Against a real redis-server of the test's
own (tests/private_redis.py), never a mock."""

import time
import uuid

from django.test import Client, RequestFactory, override_settings

import pytest

from accounts import login_limit, user_sessions
from core import cache as resilient
from core.page_cache import invalidate_page_cache
from core.ratelimit import counters, is_rate_limited, limit_for
from pages.consultations.models import ConsultationResponse
from tests.core.conftest import RETRY_SECONDS
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.consultations import ConsultationIndexPageFactory, ConsultationPageFactory

pytestmark = pytest.mark.django_db


def wait_for_retry():
    time.sleep(RETRY_SECONDS + 0.1)


def page_cache_keys(server) -> list[bytes]:
    # Entries only (pagecache:v<format>:page:…), not tag versions or address records.
    return list(server.client().keys("*pagecache:v*:page:*"))


@pytest.fixture
def open_consultation(home_page):
    index = ConsultationIndexPageFactory(parent=home_page)
    return ConsultationPageFactory(parent=index, title="Konsultacja w czasie awarii")


def comment(text):
    return {"comment": text, "document_part": "", "author_name": "", "website": "",
            "form_token": str(uuid.uuid4())}  # fmt: skip


def test_pages_render_uncached_while_redis_is_down_and_are_cached_again_after(
    redis_caches, open_consultation
):
    client = Client()
    paths = ["/", open_consultation.url, "/szukaj/?q=konsultacja", "/api/v2/pages/"]
    assert client.get("/").headers["X-Page-Cache"] == "miss"
    assert client.get("/").headers["X-Page-Cache"] == "hit"
    assert page_cache_keys(redis_caches)

    redis_caches.stop()
    for _round in range(2):  # the first call finds the outage, the second skips Redis
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            assert response.headers.get("X-Page-Cache") != "hit", path
    assert resilient.outages.is_down(redis_caches.url)

    redis_caches.start()  # empty, as after a crash
    wait_for_retry()
    assert client.get("/").headers["X-Page-Cache"] == "miss"
    assert client.get("/").headers["X-Page-Cache"] == "hit"
    assert page_cache_keys(redis_caches)
    assert not resilient.outages.is_down(redis_caches.url)


def test_a_publication_while_redis_is_cut_off_is_not_hidden_by_its_old_pages(redis_caches):
    """Frozen, not stopped: Redis keeps the pages stored before the cut. The new page-cache
    generation drawn by a publication during the cut never reached it; once it answers
    again, those old pages must not be served."""
    client = Client()
    client.get("/")
    assert client.get("/").headers["X-Page-Cache"] == "hit"

    redis_caches.pause()
    try:
        invalidate_page_cache()  # what every publication does; its write is lost
        assert client.get("/").headers.get("X-Page-Cache") != "hit"
    finally:
        redis_caches.resume()
    assert page_cache_keys(redis_caches)  # the old pages are still in Redis
    wait_for_retry()
    assert client.get("/").headers["X-Page-Cache"] == "miss"  # not the page from before
    assert client.get("/").headers["X-Page-Cache"] == "hit"


def test_a_comment_sent_while_redis_is_down_is_stored_with_its_receipt(
    redis_caches, open_consultation
):
    redis_caches.stop()
    client = Client()
    assert client.get(open_consultation.url).status_code == 200
    response = client.post(open_consultation.url, comment("Uwaga wysłana w czasie awarii."))
    assert response.status_code == 200
    stored = ConsultationResponse.objects.get()
    assert stored.comment == "Uwaga wysłana w czasie awarii."
    assert stored.receipt_number in response.content.decode()


def test_the_form_rate_limit_keeps_limiting_while_redis_is_down(redis_caches):
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.7")
    limit, _period = limit_for("consultation-comment")
    assert not is_rate_limited(request, "consultation-comment")
    assert any(b"ratelimit:" in key for key in redis_caches.client().keys("*"))  # in Redis

    redis_caches.stop()
    results = [is_rate_limited(request, "consultation-comment") for _ in range(limit + 1)]
    assert results[: limit - 1] == [False] * (limit - 1)
    assert results[-1] is True  # limited from the process's own count

    redis_caches.start()
    wait_for_retry()
    # Back on Redis (restarted empty): counting there again.
    assert not is_rate_limited(request, "consultation-comment")
    assert any(b"ratelimit:" in key for key in redis_caches.client().keys("*"))


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_the_login_lock_holds_while_redis_is_down(redis_caches, home_page):
    UserFactory(username="pracownik")
    redis_caches.stop()
    client = Client()
    for _attempt in range(3):
        response = client.post("/logowanie/", {"username": "pracownik", "password": "zle"})
        assert response.status_code == 400
    response = client.post("/logowanie/", {"username": "pracownik", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_comment_form_answers_429_from_the_fallback_count(redis_caches, open_consultation):
    redis_caches.stop()
    client = Client()
    limit, _period = limit_for("consultation-comment")
    for number in range(limit):
        response = client.post(open_consultation.url, comment(f"Uwaga {number}."))
        assert response.status_code == 200
    assert client.post(open_consultation.url, comment("Jedna za dużo.")).status_code == 429
    assert ConsultationResponse.objects.count() == limit


def test_a_lock_counted_in_redis_is_read_from_redis(redis_caches):
    """The counters really live in Redis while it answers: another process sees them."""
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.8")
    for _attempt in range(2):
        login_limit.record_failure(request, "ktos")
    stored = [key for key in redis_caches.client().keys("*") if b"login-fail:" in key]
    assert len(stored) == 2  # per user name and per address


def test_errors_that_are_not_an_outage_still_raise(redis_caches):
    with pytest.raises(ValueError, match="not found"):
        counters().incr("never-set")
    assert not resilient.outages.is_down(redis_caches.url)


def session_keys(server) -> list[bytes]:
    return list(server.client().keys("*sessions.cached_db*"))


def signed_in(client) -> bool:
    # A page any visitor may open: its request says whether the session signed them in.
    return client.get("/").wsgi_request.user.is_authenticated


def test_sessions_are_read_from_redis_and_from_the_database_while_it_is_down(
    redis_caches, home_page
):
    client = Client()
    client.force_login(UserFactory(username="pracownik"))
    assert session_keys(redis_caches)  # written through to Redis
    assert signed_in(client)

    redis_caches.stop()
    assert signed_in(client)  # read from the database
    assert signed_in(client)  # still, with Redis left alone

    redis_caches.start()  # empty, as after a crash
    wait_for_retry()
    assert signed_in(client)
    assert session_keys(redis_caches)  # read from the database, cached again


def test_a_session_ended_while_redis_is_out_is_not_revived_by_its_old_copy(redis_caches, home_page):
    """The administrator's reset deletes the row while Redis does not answer, so its delete
    never reaches Redis; if Redis comes back still holding the session (a network cut, not a
    crash: put back here as it was), the old cookie must not sign anyone in (the lost delete
    is repaired before anything is read)."""
    user = UserFactory(username="pracownik")
    client = Client()
    client.force_login(user)
    assert signed_in(client)
    raw = redis_caches.client()
    stored = {key: raw.dump(key) for key in session_keys(redis_caches)}
    assert stored

    redis_caches.stop()
    assert user_sessions.end_sessions(user) == 1  # the row is gone, Redis missed the delete
    redis_caches.start()
    for key, value in stored.items():
        raw.restore(key, 0, value)
    wait_for_retry()
    assert not signed_in(client)
    assert not session_keys(redis_caches)
