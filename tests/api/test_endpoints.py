"""Filters, pagination, the contact endpoint and CORS of /api/v2/."""

import datetime

from django.test import override_settings
from django.utils import timezone

from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Site

import pytest

from api.router import api_router
from core.models import SiteContactSettings
from pages.department.models import StandardPage

pytestmark = pytest.mark.django_db
VIEWSETS = sorted(
    name
    for name, endpoint in api_router._endpoints.items()
    if isinstance(endpoint, type) and issubclass(endpoint, BaseAPIViewSet)
)


def _page(parent, slug, published):
    page = parent.add_child(instance=StandardPage(title=slug, slug=slug))
    page.save_revision().publish()
    StandardPage.objects.filter(pk=page.pk).update(
        first_published_at=published, last_published_at=published
    )
    return page


@pytest.fixture
def dated(home_page):
    tz = timezone.get_current_timezone()
    return {
        "old": _page(home_page, "stara", datetime.datetime(2025, 3, 1, 12, tzinfo=tz)),
        "new": _page(home_page, "nowa", datetime.datetime(2026, 5, 10, 23, 30, tzinfo=tz)),
    }


def _ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_date_filters(client, dated):
    base = "/api/v2/pages/?type=pages.StandardPage"
    assert _ids(client.get(f"{base}&published_after=2026-01-01")) == {dated["new"].pk}
    assert _ids(client.get(f"{base}&published_before=2025-12-31")) == {dated["old"].pk}
    # published_before includes the day it names (Warsaw time, late evening).
    assert dated["new"].pk in _ids(client.get(f"{base}&published_before=2026-05-10"))
    assert _ids(client.get(f"{base}&updated_after=2026-05-11")) == set()


@pytest.mark.parametrize(
    "query",
    [
        "published_after=wczoraj",
        "published_before=2026-13-01",
        "limit=-1",
        "limit=1000",
        "offset=x",
        "type=nie.Istnieje",
        "child_of=abc",
        "nieznany=1",
        "order=nieznane_pole",
    ],
)
def test_bad_parameters_are_a_400_with_a_message(client, dated, query):
    response = client.get(f"/api/v2/pages/?{query}")
    assert response.status_code == 400
    assert response.json()["message"]


@pytest.mark.parametrize("endpoint", VIEWSETS)
@pytest.mark.parametrize("pk", ["abc", "1.5", "-1", "%00", "١", "9" * 30])
def test_find_with_an_id_that_is_not_a_number_is_a_400_or_not_found(
    client, home_page, endpoint, pk
):
    response = client.get(f"/api/v2/{endpoint}/find/?id={pk}")
    assert response.status_code in (400, 404)
    assert response.json()["message"]


@pytest.mark.parametrize("endpoint", ["pages", "consultations", "documents", "images"])
def test_a_search_operator_other_than_and_or_is_a_400(client, home_page, endpoint):
    response = client.get(f"/api/v2/{endpoint}/?search=konsultacje&search_operator=0")
    assert response.status_code == 400
    assert "search_operator" in response.json()["message"]
    assert client.get(f"/api/v2/{endpoint}/?search=a&search_operator=or").status_code == 200


def test_pagination_reports_the_total_and_pages_through(client, home_page):
    for n in range(5):
        _page(home_page, f"strona-{n}", timezone.now())
    first = client.get("/api/v2/pages/?type=pages.StandardPage&limit=2&order=title").json()
    second = client.get("/api/v2/pages/?type=pages.StandardPage&limit=2&offset=2&order=title")
    assert first["meta"]["total_count"] == 5
    assert len(first["items"]) == 2
    assert not {i["id"] for i in first["items"]} & _ids(second)


def test_contact_endpoint_gives_the_site_settings(client, home_page):
    settings = SiteContactSettings.for_site(Site.objects.get(is_default_site=True))
    settings.street_address = "ul. Sienkiewicza 6a"
    settings.postal_code = "41-300"
    settings.secretariat_phone = "32 295 67 00"
    settings.channels = [
        ("channel", {"label": "CAO", "kind": "email", "value": "cao@dg.pl", "url": ""}),
        ("channel", {"label": "Sekretariat", "kind": "phone", "value": "602 502 478", "url": ""}),
        ("channel", {"label": "Facebook", "kind": "social", "value": "Fanpage CAO", "url": ""}),
    ]
    settings.save()
    data = client.get("/api/v2/contact/").json()
    assert data["street_address"] == "ul. Sienkiewicza 6a"
    assert data["address_line"] == "ul. Sienkiewicza 6a, 41-300 Dąbrowa Górnicza"
    # The office and the address for letters are told apart.
    assert data["correspondence_line"] == (
        "Urząd Miejski w Dąbrowie Górniczej, ul. Graniczna 27, 41-300 Dąbrowa Górnicza"
    )
    assert [channel["url"] for channel in data["channels"]] == [
        "mailto:cao@dg.pl",
        "tel:+48602502478",
        None,  # a social channel without a page given
    ]


@override_settings(CORS_ALLOWED_ORIGINS=["https://www.dabrowa-gornicza.pl"])
def test_cors_only_for_listed_origins_and_only_on_the_api(client, home_page):
    allowed = {"HTTP_ORIGIN": "https://www.dabrowa-gornicza.pl"}
    other = {"HTTP_ORIGIN": "https://evil.example"}
    response = client.get("/api/v2/pages/", **allowed)
    assert response["Access-Control-Allow-Origin"] == "https://www.dabrowa-gornicza.pl"
    assert "Access-Control-Allow-Credentials" not in response
    assert "Access-Control-Allow-Origin" not in client.get("/api/v2/pages/", **other)
    assert "Access-Control-Allow-Origin" not in client.get("/", **allowed)
    preflight = client.options(
        "/api/v2/pages/", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST", **allowed
    )
    assert "POST" not in preflight.get("Access-Control-Allow-Methods", "")


def test_no_cors_when_no_origin_is_configured(client, home_page):
    response = client.get("/api/v2/pages/", HTTP_ORIGIN="https://www.dabrowa-gornicza.pl")
    assert "Access-Control-Allow-Origin" not in response
