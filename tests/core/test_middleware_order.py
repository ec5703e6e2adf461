"""The middleware order's critical constraints, and what a page-cache hit placed first keeps.

The page cache is first in MIDDLEWARE (a hit runs no other middleware): what the security
middlewares give an answer is stored with it and replayed; HTTPS is still enforced before
any stored answer; HSTS goes only over HTTPS; static files stay WhiteNoise's; the API's
answers are cached after the API's own middlewares (docs/performance.md, "Middleware
order and cost").
"""

from django.conf import settings as django_settings

import pytest

from core.models import SiteContactSettings
from tests.factories.pages import StandardPageFactory

pytestmark = pytest.mark.django_db

FIRST = "core.page_cache.AnonymousPageCacheMiddleware"
LATE = "core.page_cache.LatePageCacheMiddleware"
# What a hit skips: these read or set the visitor's state, or route the request.
AFTER_BOTH_CACHES = [
    "core.request_memo.RequestMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "accounts.middleware.PrivateResponsesMiddleware",
]
# Their headers are stored with a page's answer (so after the first cache); the API's
# answers are cached after the API's middlewares (so before the late one).
BETWEEN = [
    "django.middleware.security.SecurityMiddleware",
    "core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "api.http.APIHTTPMiddleware",
    "api.middleware.APIGuardMiddleware",
]


def test_the_order_keeps_its_constraints():
    order = list(django_settings.MIDDLEWARE)
    assert order[0] == FIRST
    late = order.index(LATE)
    for name in BETWEEN:
        assert 0 < order.index(name) < late, name
    for name in AFTER_BOTH_CACHES:
        assert order.index(name) > late, name
    assert "/api/" in django_settings.PAGE_CACHE_LATE_PATHS


@pytest.fixture
def cached(settings, home_page):
    settings.PAGE_CACHE_SECONDS = 60
    settings.SECURE_HSTS_SECONDS = 3600
    SiteContactSettings.for_site(home_page.get_site())
    page = StandardPageFactory(parent=home_page, title="Kolejność", slug="kolejnosc")
    page.save_revision().publish()
    return "/kolejnosc/"


SECURITY_HEADERS = [
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
]


def test_a_hit_replays_the_security_headers_of_its_render(client, cached):
    miss = client.get(cached, secure=True)
    hit = client.get(cached, secure=True)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for name in [*SECURITY_HEADERS, "Strict-Transport-Security"]:
        assert hit.headers.get(name) == miss.headers.get(name), name
        assert hit.headers.get(name), name


def test_hsts_only_over_https_the_scheme_being_in_the_key(client, cached):
    client.get(cached, secure=True)
    over_https = client.get(cached, secure=True)
    client.get(cached)
    over_http = client.get(cached)
    assert (over_https["X-Page-Cache"], over_http["X-Page-Cache"]) == ("hit", "hit")
    assert over_https["Strict-Transport-Security"].startswith("max-age=3600")
    assert "Strict-Transport-Security" not in over_http.headers
    assert over_http["Content-Security-Policy"] == over_https["Content-Security-Policy"]


def test_plain_http_is_redirected_before_any_stored_answer(client, cached, settings):
    settings.SECURE_SSL_REDIRECT = True
    client.get(cached, secure=True)
    assert client.get(cached, secure=True)["X-Page-Cache"] == "hit"
    answer = client.get(cached)
    assert answer.status_code == 301
    assert answer["Location"] == "https://testserver" + cached
    assert "X-Page-Cache" not in answer.headers


def test_static_files_are_still_whitenoises(client, cached):
    answer = client.get("/static/css/portal.css")
    assert answer.status_code == 200 and answer.streaming
    assert "X-Page-Cache" not in answer.headers
    assert b"".join(answer.streaming_content)


def test_the_apis_answers_are_cached_after_its_middlewares(client, cached, home_page):
    path = f"/api/v2/pages/{home_page.pk}/"
    first = client.get(path)
    second = client.get(path)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second["ETag"] == first["ETag"]
    revalidated = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert revalidated.status_code == 304
    # The 304 passed the security middlewares on its way out, as before the move.
    assert revalidated["X-Content-Type-Options"] == "nosniff"
