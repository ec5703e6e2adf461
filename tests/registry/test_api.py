"""/api/v2/ngos/ and /api/v2/grant-calls/: published records, filters, the documented shape."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.factories.pages import DistrictFactory
from tests.factories.registry import GrantAwardFactory, GrantCallFactory, NGOFactory, area

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


@pytest.fixture
def check(client):
    spec = client.get("/api/schema/").json()
    registry = Registry().with_resource(
        "urn:portal-api", Resource.from_contents(spec, default_specification=DRAFT202012)
    )

    def _check(path, data):
        pointer = (
            "/paths/"
            + path.replace("/", "~1")
            + "/get/responses/200/content/application~1json/schema"
        )
        Draft202012Validator(
            {"$ref": f"urn:portal-api#{pointer}"}, registry=registry, format_checker=FormatChecker()
        ).validate(data)

    return _check


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_ngos_published_only_with_filters(client, directory):
    district = DistrictFactory()
    sport = NGOFactory(legal_form="fundacja", areas=[area("17")], is_public_benefit=True)
    culture = NGOFactory(name="Teatr Żak", areas=[area("16")], district=district)
    draft = NGOFactory(live=False, areas=[area("17")])
    assert ids(client.get("/api/v2/ngos/")) == {sport.pk, culture.pk}
    assert ids(client.get("/api/v2/ngos/?area=17")) == {sport.pk}
    assert ids(client.get("/api/v2/ngos/?legal_form=fundacja")) == {sport.pk}
    assert ids(client.get("/api/v2/ngos/?is_public_benefit=true")) == {sport.pk}
    assert ids(client.get(f"/api/v2/ngos/?district={district.pk}")) == {culture.pk}
    assert ids(client.get("/api/v2/ngos/?search=zak")) == {culture.pk}
    assert client.get(f"/api/v2/ngos/{draft.pk}/").status_code == 404


def test_ngo_detail_has_areas_district_and_page(client, directory, check):
    ngo = NGOFactory(areas=[area("16"), area("17")], district=DistrictFactory(name="Reden"))
    data = client.get(f"/api/v2/ngos/{ngo.pk}/").json()
    check("/api/v2/ngos/{id}/", data)
    assert data["krs"] == ngo.krs
    assert [item["number"] for item in data["areas"]] == ["16", "17"]
    assert data["district"]["name"] == "Reden"
    assert data["page_url"] == f"http://testserver/organizacje/{ngo.slug}/"
    listing = client.get("/api/v2/ngos/?fields=*").json()
    check("/api/v2/ngos/", listing)


def test_grant_calls_published_only_with_filters(client, calls_page, check):
    now = timezone.now()
    open_call = GrantCallFactory(area=area("15"))
    done = GrantCallFactory(
        procedure="inicjatywa-lokalna",
        area=area("13"),
        announced_at=now - 60 * DAY,
        offers_due_at=now - 30 * DAY,
        results_published_at=now - 10 * DAY,
    )
    GrantAwardFactory(call=done, amount=Decimal("1234.50"))
    draft = GrantCallFactory(live=False)
    assert ids(client.get("/api/v2/grant-calls/")) == {open_call.pk, done.pk}
    assert ids(client.get("/api/v2/grant-calls/?state=otwarty")) == {open_call.pk}
    assert ids(client.get("/api/v2/grant-calls/?state=rozstrzygniety")) == {done.pk}
    assert ids(client.get("/api/v2/grant-calls/?procedure=inicjatywa-lokalna")) == {done.pk}
    assert ids(client.get("/api/v2/grant-calls/?area=15")) == {open_call.pk}
    assert client.get(f"/api/v2/grant-calls/{draft.pk}/").status_code == 404
    detail = client.get(f"/api/v2/grant-calls/{done.pk}/").json()
    check("/api/v2/grant-calls/{id}/", detail)
    assert detail["state"] == "rozstrzygniety"
    assert detail["awards"][0]["amount"] == "1234.50"
    assert detail["area"]["number"] == "13"
    check("/api/v2/grant-calls/", client.get("/api/v2/grant-calls/?fields=*").json())


@pytest.mark.parametrize(
    "query",
    [
        "ngos/?state=otwarty",
        "ngos/?verified_on=wczoraj",
        "ngos/?district=x",
        "ngos/?is_public_benefit=moze",
        "grant-calls/?state=zly",
        "grant-calls/?total_funds=duzo",
        "grant-calls/?announced_at=abc",
        "grant-calls/?order=nie_ma",
    ],
)
def test_bad_parameters_are_bad_requests(client, query):
    NGOFactory()
    GrantCallFactory()
    response = client.get(f"/api/v2/{query}")
    assert response.status_code == 400
    assert "message" in response.json()


def test_listing_query_count_is_flat(client, calls_page, django_assert_max_num_queries):
    def make(count):
        for _ in range(count):
            call = GrantCallFactory()
            GrantAwardFactory(call=call)
            NGOFactory(areas=[area("1"), area("2")], district=DistrictFactory())

    make(2)
    with django_assert_max_num_queries(10) as calls_few:
        client.get("/api/v2/grant-calls/?fields=*")
    with django_assert_max_num_queries(10) as ngos_few:
        client.get("/api/v2/ngos/?fields=*")
    make(8)
    with django_assert_max_num_queries(len(calls_few)):
        client.get("/api/v2/grant-calls/?fields=*")
    with django_assert_max_num_queries(len(ngos_few)):
        client.get("/api/v2/ngos/?fields=*")
