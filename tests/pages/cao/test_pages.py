"""Where CAO pages live, that they render with their key content, and what the API says."""

import datetime

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

import pytest

from pages.cao.choices import Audience, Registration, Topic
from pages.cao.models import (
    AdvisoryServiceIndexPage,
    AdvisoryServicePage,
    DutyHours,
    EventIndexPage,
    EventPage,
    GuidanceIndexPage,
    GuidancePage,
    GuidanceServiceLink,
    ServiceDate,
    ServiceGuideLink,
)
from pages.department.models import HomePage, StandardPage
from tests.factories.cao import (
    AdvisoryServicePageFactory,
    EventPageFactory,
    GuidancePageFactory,
    in_days,
)
from tests.factories.pages import PersonFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def make_document(title="Porządek obrad"):
    document = get_document_model()(title=title)
    document.file.save("porzadek.txt", ContentFile(b"Porzadek obrad"), save=False)
    document.save()
    return document


# Where pages may live ---------------------------------------------------------------


def test_indexes_live_under_the_home_page_only(home_page):
    standard = StandardPageFactory(parent=home_page)
    for model in (AdvisoryServiceIndexPage, GuidanceIndexPage, EventIndexPage):
        assert model.can_create_at(home_page)
        assert not model.can_create_at(standard)
        assert model in HomePage.allowed_subpage_models()


def test_one_cao_index_per_site(service_index, home_page):
    assert not AdvisoryServiceIndexPage.can_create_at(home_page)


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        (AdvisoryServicePage, AdvisoryServiceIndexPage),
        (GuidancePage, GuidanceIndexPage),
        (EventPage, EventIndexPage),
    ],
)
def test_items_live_only_under_their_index(child, parent):
    assert child.allowed_parent_page_models() == [parent]
    assert parent.allowed_subpage_models() == [child]
    assert child.allowed_subpage_models() == []
    assert child not in HomePage.allowed_subpage_models()
    assert child not in StandardPage.allowed_subpage_models()


# Advisory service --------------------------------------------------------------------


@pytest.fixture
def service(service_index, guidance_index):
    advisor = PersonFactory(name="Aleksandra Nadolna", email="cao@dg.pl")
    page = AdvisoryServicePageFactory(
        parent=service_index,
        title="Porady prawne",
        summary="Statut i KRS.",
        advisor=advisor,
        by_phone=True,
    )
    DutyHours.objects.create(page=page, weekday=1, starts_at="10:00", ends_at="14:00")
    DutyHours.objects.create(page=page, weekday=3, starts_at="10:00", ends_at="14:00")
    ServiceDate.objects.create(
        page=page, date=datetime.date.today() + datetime.timedelta(days=3), starts_at="15:00"
    )
    ServiceDate.objects.create(page=page, date=datetime.date(2020, 1, 7), note="dawno")
    return page


def test_service_page_renders_hours_advisor_and_form(client, service):
    response = client.get(service.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Porady prawne" in html
    assert "Wtorki i czwartki, 10:00–14:00" in html
    assert "od 15:00" in html
    assert "dawno" not in html  # past one-off dates are not offered
    assert "Aleksandra Nadolna" in html
    assert "osobiście, telefonicznie" in html
    assert 'name="form_token"' in html
    assert "Informacja o przetwarzaniu danych osobowych" in html


def test_service_without_booking_shows_no_form(client, service):
    service.booking_enabled = False
    service.save()
    html = client.get(service.url).content.decode()
    assert 'name="form_token"' not in html


def test_related_guides_both_ways_and_only_live(client, service, guidance_index):
    linked_here = GuidancePageFactory(parent=guidance_index, title="Jak założyć stowarzyszenie")
    linking_here = GuidancePageFactory(parent=guidance_index, title="Jak rozliczyć dotację")
    draft = GuidancePageFactory(parent=guidance_index, title="Szkic poradnika", live=False)
    ServiceGuideLink.objects.create(page=service, guide=linked_here)
    ServiceGuideLink.objects.create(page=service, guide=draft)
    GuidanceServiceLink.objects.create(page=linking_here, service=service)

    assert [g.title for g in service.related_guide_pages] == [
        "Jak rozliczyć dotację",
        "Jak założyć stowarzyszenie",
    ]
    html = client.get(service.url).content.decode()
    assert "Szkic poradnika" not in html
    guide_html = client.get(linking_here.url).content.decode()
    assert "Porady prawne" in guide_html  # and the guide links back


def test_duty_hours_must_end_after_they_start(service):
    slot = DutyHours(page=service, weekday=1, starts_at="14:00", ends_at="10:00")
    with pytest.raises(Exception, match="później"):
        slot.full_clean()


def test_service_api(client, service, guidance_index):
    guide = GuidancePageFactory(parent=guidance_index, title="Jak założyć stowarzyszenie")
    draft = GuidancePageFactory(parent=guidance_index, title="Szkic", live=False)
    ServiceGuideLink.objects.create(page=service, guide=guide)
    ServiceGuideLink.objects.create(page=service, guide=draft)
    response = client.get("/api/v2/pages/", {"type": "cao.AdvisoryServicePage", "fields": "*"})
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["title"] == "Porady prawne"
    assert item["topic"] == {"value": "prawo", "label": "Prawo i sprawy formalne"}
    assert item["audience"]["value"] == "organizacje"
    assert item["advice_forms"] == ["osobiście", "telefonicznie"]
    assert item["schedule"] == ["wtorki i czwartki, 10:00–14:00"]
    assert [slot["weekday"] for slot in item["duty_hours"]] == [1, 3]
    assert item["duty_hours"][0]["text"] == "wtorki, 10:00–14:00"
    assert len(item["upcoming_dates"]) == 1
    assert item["advisor"]["name"] == "Aleksandra Nadolna"
    assert [g["title"] for g in item["related_guides"]] == ["Jak założyć stowarzyszenie"]
    assert "booking_requests" not in item


# Guidance ----------------------------------------------------------------------------


def test_guide_renders_review_date_documents_and_services(client, guidance_index, service):
    document = make_document("Wzór statutu")
    guide = GuidancePageFactory(
        parent=guidance_index,
        title="Jak założyć stowarzyszenie",
        reviewed_on=datetime.date(2026, 3, 5),
        documents=[("document", {"document": document, "title": ""})],
    )
    GuidanceServiceLink.objects.create(page=guide, service=service)
    html = client.get(guide.url).content.decode()
    assert 'Treść sprawdzona: <time datetime="2026-03-05">5 marca 2026</time>' in html
    assert "Wzór statutu" in html
    assert document.url in html
    assert "Porady prawne" in html


def test_guide_api(client, guidance_index, service):
    guide = GuidancePageFactory(
        parent=guidance_index, topic=Topic.GRANTS, audience=Audience.RESIDENTS
    )
    GuidanceServiceLink.objects.create(page=guide, service=service)
    response = client.get("/api/v2/pages/", {"type": "cao.GuidancePage", "fields": "*"})
    [item] = response.json()["items"]
    assert item["topic"]["label"] == "Dotacje z budżetu miasta"
    assert item["audience"]["value"] == "mieszkancy"
    assert item["reviewed_on"] == "2026-03-05"
    assert item["related_services"][0]["title"] == "Porady prawne"


# Events ------------------------------------------------------------------------------


def test_event_page_renders_details_documents_and_feed_link(client, event_index):
    document = make_document("Porządek obrad")
    event = EventPageFactory(
        parent=event_index,
        title="Posiedzenie Rady Działalności Pożytku Publicznego",
        starts_at=in_days(10, 15),
        ends_at=in_days(10, 17),
        documents=[("document", {"document": document, "title": ""})],
    )
    response = client.get(event.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "15:00–17:00" in html
    assert "Porządek obrad" in html
    assert 'rel="alternate" type="text/calendar"' in html
    assert '"@type": "Event"' in html
    assert 'name="form_token"' not in html  # no registration: no form


def test_cancelled_event_says_so(client, event_index):
    event = EventPageFactory(parent=event_index, is_cancelled=True, registration=Registration.OPEN)
    html = client.get(event.url).content.decode()
    assert "Wydarzenie zostało odwołane" in html
    assert 'name="form_token"' not in html


def test_event_must_end_after_it_starts(event_index):
    event = EventPageFactory.build(starts_at=in_days(5, 12), ends_at=in_days(5, 10))
    with pytest.raises(Exception, match="Koniec"):
        event.clean()


def test_event_api(client, event_index):
    EventPageFactory(
        parent=event_index, title="Szkolenie", registration=Registration.OPEN, places=20
    )
    EventPageFactory(parent=event_index, title="Szkic", live=False)
    response = client.get("/api/v2/pages/", {"type": "cao.EventPage", "fields": "*"})
    [item] = response.json()["items"]
    assert item["title"] == "Szkolenie"
    assert item["kind"] == {"value": "szkolenie", "label": "Szkolenie"}
    assert item["registration_info"]["accepts"] is True
    assert item["registration_info"]["places_left"] == 20
    assert item["starts_at"].startswith(str(in_days(7).date()))
    assert "registrations" not in item


def test_index_pages_in_api(client, service_index, guidance_index, event_index):
    for model in ("AdvisoryServiceIndexPage", "GuidanceIndexPage", "EventIndexPage"):
        response = client.get("/api/v2/pages/", {"type": f"cao.{model}", "fields": "*"})
        assert response.status_code == 200
        assert len(response.json()["items"]) == 1


def test_cao_index_lists_services_and_upcoming_events(client, service, event_index):
    EventPageFactory(parent=event_index, title="Szkolenie z projektów")
    html = client.get("/cao/").content.decode()
    assert "Porady prawne" in html
    assert "wtorki i czwartki, 10:00–14:00" in html
    assert "Szkolenie z projektów" in html
    assert 'type="text/calendar"' in html
