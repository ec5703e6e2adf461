"""HTTP semantics of the API (api.http): ETag and Last-Modified, 304s, Cache-Control a CDN
may follow, and JSON errors everywhere under /api/."""

from email.utils import parsedate_to_datetime
from types import SimpleNamespace

import pytest

from api import http as api_http
from tests.factories.pages import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(home_page):
    page = StandardPageFactory(parent=home_page, title="Ogłoszenie", slug="ogloszenie")
    page.save_revision().publish()
    return page


def test_an_answer_carries_validators_and_a_public_cache_control(client, page):
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    assert response["ETag"].startswith('"') and len(response["ETag"]) == 34
    assert response["Last-Modified"].endswith("GMT")
    control = response["Cache-Control"]
    assert control.startswith("public, max-age=") and "s-maxage=" in control
    # A CDN must not keep one copy per cookie: the answer is the same for everyone.
    assert "cookie" not in response.get("Vary", "").lower()


@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/v2/pages/{pk}/", "/api/v2/contact/"])
def test_a_matching_if_none_match_is_a_304_without_body(client, page, path):
    path = path.format(pk=page.pk)
    first = client.get(path)
    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    other = client.get(path, HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200
    assert other.content == first.content


def test_if_modified_since_gives_304_until_the_body_changes(client, page):
    path = f"/api/v2/pages/{page.pk}/"
    first = client.get(path)
    since = first["Last-Modified"]
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    page.title = "Ogłoszenie poprawione"
    page.save_revision().publish()
    changed = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert "Ogłoszenie poprawione" in changed.content.decode()
    # The new body's date is when it was first served: not before the old one's.
    assert parsedate_to_datetime(changed["Last-Modified"]) >= parsedate_to_datetime(since)


def test_a_change_undone_is_never_a_304_for_a_copy_of_the_change(client, page, monkeypatch):
    """A -> B -> A again: a client holding B (If-Modified-Since of B) must get A, not a 304
    telling it to keep B (B may be what an editor took back: a page shown by mistake)."""
    clock = SimpleNamespace(now=1_800_000_000)
    monkeypatch.setattr(api_http, "time", SimpleNamespace(time=lambda: clock.now))
    path = "/api/v2/navigation/"  # no dates in the body: undoing gives the same bytes
    before = client.get(path)
    clock.now += 3600
    page.show_in_menus = True
    page.save_revision().publish()
    changed = client.get(path)
    assert "Ogłoszenie" in changed.content.decode()
    clock.now += 3600
    page.show_in_menus = False
    page.save_revision().publish()
    undone = client.get(path, HTTP_IF_MODIFIED_SINCE=changed["Last-Modified"])
    assert undone.status_code == 200
    assert undone.content == before.content
    assert parsedate_to_datetime(undone["Last-Modified"]) > parsedate_to_datetime(
        changed["Last-Modified"]
    )


def test_with_the_page_cache_on_a_stored_answer_gets_the_same_validators(client, page, settings):
    settings.PAGE_CACHE_SECONDS = 60
    path = f"/api/v2/pages/{page.pk}/"
    first = client.get(path)
    second = client.get(path)
    assert second["X-Page-Cache"] == "hit"
    assert second["ETag"] == first["ETag"]
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    page.title = "Po zmianie"
    page.save_revision().publish()
    after = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200 and "Po zmianie" in after.content.decode()


def test_a_shared_cache_keeps_nothing_past_the_next_change_by_the_clock(client, page, settings):
    settings.API_CDN_SECONDS = 10_000
    settings.API_BROWSER_SECONDS = 10_000
    control = client.get("/api/v2/pages/")["Cache-Control"]
    values = dict(part.strip().split("=") for part in control.split(",") if "=" in part)
    # Local midnight is a change by the clock (lists by date): never more than a day.
    assert 0 <= int(values["s-maxage"]) <= 24 * 3600
    assert int(values["max-age"]) <= int(values["s-maxage"])


def test_the_cache_lifetimes_are_whole_seconds_when_a_change_is_near(
    client, page, settings, monkeypatch
):
    settings.API_CDN_SECONDS = 10_000
    settings.API_BROWSER_SECONDS = 10_000
    monkeypatch.setattr("api.http.seconds_until_site_change", lambda: 1234.56)
    control = client.get("/api/v2/pages/")["Cache-Control"]
    assert "max-age=1234," in control and "s-maxage=1234," in control


def test_without_a_cache_the_etag_alone_still_gives_304(client, page, monkeypatch):
    class Down:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise ConnectionError("cache down")

            return fail

    monkeypatch.setattr("core.cache_tags.cache", Down)
    first = client.get("/api/v2/pages/")
    assert first.status_code == 200
    assert "Last-Modified" not in first
    assert client.get("/api/v2/pages/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/api/v2/nothing-here/", 404),
        ("get", "/api/v2/pages/999999/", 404),
        ("get", "/api/v2/pages/?limit=abc", 400),
        ("post", "/api/v2/pages/", 405),
        ("post", "/api/v2/", 405),
        ("delete", "/api/schema/", 405),
    ],
)
def test_every_error_is_json_with_a_message_and_not_cached(client, page, method, path, status):
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert isinstance(response.json()["message"], str) and response.json()["message"]
    assert "public" not in response.get("Cache-Control", "")


def test_the_schema_describes_validators_conditional_headers_and_304(client, page):
    """Every public GET documents If-None-Match/If-Modified-Since, ETag/Last-Modified/
    Cache-Control on its 200 and a 304; the preview (private, no validators) does not."""
    spec = client.get("/api/schema/").json()
    components = spec["components"]
    for path, operations in spec["paths"].items():
        operation = operations["get"]
        responses = operation["responses"]
        if "200" not in responses:
            continue  # find/ answers 302
        headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
        if path == "/api/v2/preview/":
            assert "304" not in responses and not headers
            assert responses["200"]["headers"]["Cache-Control"]["schema"] == {
                "const": "private, no-store"
            }
            continue
        assert headers == {"If-None-Match", "If-Modified-Since"}, path
        assert set(responses["200"]["headers"]) == {"ETag", "Last-Modified", "Cache-Control"}
        assert responses["304"] == {"$ref": "#/components/responses/NotModified"}
    assert "content" not in components["responses"]["NotModified"]
    # What the schema says is what the API does.
    first = client.get(f"/api/v2/pages/{page.pk}/")
    assert {"ETag", "Last-Modified", "Cache-Control"} <= set(first.headers)
    assert (
        client.get(f"/api/v2/pages/{page.pk}/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    )


def test_a_front_end_on_another_origin_may_revalidate(client, page, settings):
    origin = "https://www.dabrowa-gornicza.pl"
    settings.CORS_ALLOWED_ORIGINS = [origin]
    path = f"/api/v2/pages/{page.pk}/"
    preflight = client.options(
        path,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match, if-modified-since",
    )
    allowed = preflight["Access-Control-Allow-Headers"].lower()
    assert "if-none-match" in allowed and "if-modified-since" in allowed
    first = client.get(path, HTTP_ORIGIN=origin)
    exposed = [h.strip().lower() for h in first["Access-Control-Expose-Headers"].split(",")]
    assert "etag" in exposed and "last-modified" in exposed
    again = client.get(path, HTTP_ORIGIN=origin, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == origin
