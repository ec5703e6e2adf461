"""What the headless API returns for consultations and announcements."""

from datetime import timedelta

from django.utils import timezone

import pytest

from tests.factories.consultations import (
    AnnouncementPageFactory,
    ConsultationMeetingFactory,
    ConsultationPageFactory,
    pdf_document,
)
from tests.factories.pages import DistrictFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultations(consultation_index):
    now = timezone.now()
    district = DistrictFactory(name="Reden", slug="reden")
    open_page = ConsultationPageFactory(
        parent=consultation_index,
        title="Otwarta",
        districts=[district],
        contact_person=PersonFactory(name="Jan Kontakt"),
        report_document=None,
    )
    ConsultationMeetingFactory(page=open_page, place="Sala sesyjna")
    planned = ConsultationPageFactory(
        parent=consultation_index,
        title="Planowana",
        opens_at=now + timedelta(days=3),
        closes_at=now + timedelta(days=30),
    )
    concluded = ConsultationPageFactory(
        parent=consultation_index,
        title="Zakończona",
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=3),
        report_document=pdf_document(title="Raport"),
        report_date=timezone.localdate() - timedelta(days=1),
    )
    draft = ConsultationPageFactory(parent=consultation_index, title="Szkic")
    draft.unpublish()
    return {"open": open_page, "planned": planned, "concluded": concluded, "draft": draft}


def test_pages_endpoint_exposes_the_computed_state(client, consultations):
    response = client.get("/api/v2/pages/?type=consultations.ConsultationPage&fields=*")
    assert response.status_code == 200
    items = {item["title"]: item for item in response.json()["items"]}
    assert set(items) == {"Otwarta", "Planowana", "Zakończona"}  # no draft
    assert items["Otwarta"]["state"] == "open"
    assert items["Otwarta"]["state_label"] == "Trwa – można zgłaszać uwagi"
    assert items["Planowana"]["state"] == "planned"
    assert items["Zakończona"]["state"] == "concluded"
    report = items["Zakończona"]["report"]
    assert report["document"]["file_extension"] == "pdf"
    assert report["date"] == (timezone.localdate() - timedelta(days=1)).isoformat()
    assert items["Otwarta"]["report"] is None
    open_item = items["Otwarta"]
    assert open_item["districts"] == [
        {"id": consultations["open"].districts.first().pk, "name": "Reden", "slug": "reden"}
    ]
    assert open_item["is_city_wide"] is False
    assert open_item["contact_person"]["name"] == "Jan Kontakt"
    assert open_item["meetings"][0]["place"] == "Sala sesyjna"
    assert open_item["audience"] == "all"
    assert "opens_at" in open_item and "closes_at" in open_item
    assert "responses" not in open_item


def test_a_report_dated_in_the_future_is_not_in_the_api(client, consultation_index):
    now = timezone.now()
    page = ConsultationPageFactory(
        parent=consultation_index,
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=3),
        report_summary="<p>Jeszcze nieogłoszony raport.</p>",
        report_date=timezone.localdate() + timedelta(days=1),
    )
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.json()["report"] is None
    assert "Jeszcze nieogłoszony" not in response.content.decode()
    listing = client.get("/api/v2/pages/?type=consultations.ConsultationPage&fields=*")
    assert "Jeszcze nieogłoszony" not in listing.content.decode()


def test_detail_has_the_state(client, consultations):
    page = consultations["planned"]
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["state"] == "planned"
    assert data["is_city_wide"] is True


def test_consultations_endpoint_filters_by_state(client, consultations):
    data = client.get("/api/v2/consultations/?state=open").json()
    assert [item["title"] for item in data["items"]] == ["Otwarta"]
    assert data["items"][0]["state"] == "open"
    all_titles = {item["title"] for item in client.get("/api/v2/consultations/").json()["items"]}
    assert all_titles == {"Otwarta", "Planowana", "Zakończona"}


@pytest.mark.parametrize("value", ["otwarta", "", "%00"])
def test_consultations_endpoint_refuses_unknown_states(client, consultations, value):
    response = client.get(f"/api/v2/consultations/?state={value}")
    assert response.status_code == 400


def test_announcements_in_the_api(client, announcement_index):
    AnnouncementPageFactory(parent=announcement_index, title="Nabór", tags=["granty", "CAO"])
    data = client.get("/api/v2/pages/?type=consultations.AnnouncementPage&fields=*").json()
    item = data["items"][0]
    assert item["title"] == "Nabór"
    assert sorted(item["tags"]) == ["CAO", "granty"]
    assert "date" in item and "documents" in item and "body" in item


def test_index_pages_in_the_api(client, consultation_index, announcement_index):
    for model in ("ConsultationIndexPage", "AnnouncementIndexPage"):
        response = client.get(f"/api/v2/pages/?type=consultations.{model}&fields=*")
        assert response.status_code == 200
        assert len(response.json()["items"]) == 1


def test_payloads_match_the_openapi_description(client, consultations, announcement_index):
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    AnnouncementPageFactory(parent=announcement_index, tags=["granty"])
    spec = client.get("/api/schema/").json()
    registry = Registry().with_resource(
        "urn:portal-api", Resource.from_contents(spec, default_specification=DRAFT202012)
    )

    def check(path, data):
        pointer = (
            "/paths/"
            + path.replace("/", "~1")
            + "/get/responses/200/content/application~1json/schema"
        )
        Draft202012Validator(
            {"$ref": f"urn:portal-api#{pointer}"}, registry=registry, format_checker=FormatChecker()
        ).validate(data)

    assert "state" in {
        p["name"] for p in spec["paths"]["/api/v2/consultations/"]["get"]["parameters"]
    }
    check("/api/v2/consultations/", client.get("/api/v2/consultations/?fields=*").json())
    check("/api/v2/consultations/", client.get("/api/v2/consultations/?state=open").json())
    for page_type in ("ConsultationPage", "AnnouncementPage", "ConsultationIndexPage"):
        data = client.get(f"/api/v2/pages/?type=consultations.{page_type}&fields=*").json()
        assert data["items"]
        check("/api/v2/pages/", data)
    detail = client.get(f"/api/v2/pages/{consultations['concluded'].pk}/").json()
    check("/api/v2/pages/{id}/", detail)
