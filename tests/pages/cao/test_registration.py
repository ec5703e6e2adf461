"""Registering for an event: receipt, clear refusals, no over-booking, no double counting."""

import datetime
import uuid

import pytest

from pages.cao.choices import Registration
from pages.cao.models import EventRegistration
from pages.cao.registration import DUPLICATE_EMAIL, RegistrationRefused, register
from tests.factories.cao import EventPageFactory, EventRegistrationFactory, in_days

pytestmark = pytest.mark.django_db


def registration_data(**overrides):
    data = {
        "form_token": str(uuid.uuid4()),
        "name": "Ewa Lis",
        "organisation_name": "Stowarzyszenie Razem",
        "email": f"{uuid.uuid4().hex[:8]}@example.pl",
        "phone": "",
        "needs": "",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def event(event_index):
    return EventPageFactory(
        parent=event_index, title="Szkolenie", registration=Registration.OPEN, places=2
    )


def test_open_event_shows_places_and_form(client, event):
    html = client.get(event.url).content.decode()
    assert "Wolne miejsca: 2 z 2." in html
    assert 'name="form_token"' in html


def test_registration_is_stored_with_a_receipt(client, event):
    response = client.post(event.url, registration_data(needs="tłumacz PJM", needs_consent="on"))
    assert response.status_code == 200
    registration = EventRegistration.objects.get()
    html = response.content.decode()
    assert registration.receipt_number.startswith("WYD-")
    assert registration.receipt_number in html
    assert "jesteś zapisany(-a)" in html
    assert registration.event == event
    assert registration.event_title == "Szkolenie"
    assert registration.needs == "tłumacz PJM"


def test_neither_email_nor_phone_is_refused(client, event):
    response = client.post(event.url, registration_data(email="", phone=""))
    assert response.status_code == 400
    assert "Podaj adres e-mail lub numer telefonu" in response.content.decode()
    assert not EventRegistration.objects.exists()


def test_honeypot_refuses_bots(client, event):
    response = client.post(event.url, registration_data(website="x"))
    assert response.status_code == 400
    assert not EventRegistration.objects.exists()


def test_full_event_refuses_with_a_clear_message(client, event):
    for _ in range(2):
        assert client.post(event.url, registration_data()).status_code == 200
    response = client.post(event.url, registration_data(name="Trzecia Osoba"))
    html = response.content.decode()
    assert response.status_code == 409
    assert "Nie udało się zapisać" in html
    assert "Brak wolnych miejsc" in html
    assert EventRegistration.objects.count() == 2
    assert 'name="form_token"' not in client.get(event.url).content.decode()


def test_a_cancelled_registration_frees_its_place(client, event):
    first, _second = EventRegistrationFactory.create_batch(2, event=event)
    assert client.post(event.url, registration_data()).status_code == 409
    first.is_cancelled = True
    first.save()
    assert client.post(event.url, registration_data()).status_code == 200


def test_repeated_post_takes_one_place_and_shows_the_same_receipt(client, event):
    data = registration_data()
    first = client.post(event.url, data)
    EventRegistrationFactory(event=event)  # the last place goes to someone else meanwhile
    second = client.post(event.url, data)  # a retry of the first form is not refused
    registration = EventRegistration.objects.get(form_token=data["form_token"])
    assert second.status_code == 200
    assert registration.receipt_number in first.content.decode()
    assert registration.receipt_number in second.content.decode()
    assert EventRegistration.objects.count() == 2


def test_same_email_twice_is_refused_beside_the_field(client, event):
    client.post(event.url, registration_data(email="ewa@example.pl"))
    response = client.post(event.url, registration_data(email="EWA@example.pl"))
    assert response.status_code == 400
    assert DUPLICATE_EMAIL in response.content.decode()
    assert EventRegistration.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"registration": Registration.CLOSED}, "Zapisy na to wydarzenie są zamknięte."),
        ({"is_cancelled": True}, "Wydarzenie zostało odwołane"),
        (
            {"registration_deadline": in_days(-1)},
            "Termin zapisów na to wydarzenie minął",
        ),
        (
            {"starts_at": in_days(0) - datetime.timedelta(hours=30), "ends_at": in_days(2)},
            "Wydarzenie już się rozpoczęło",
        ),
    ],
)
def test_closed_registration_is_refused_with_its_reason(client, event, changes, message):
    for name, value in changes.items():
        setattr(event, name, value)
    event.save()
    page_html = client.get(event.url).content.decode()
    assert message in page_html
    assert 'name="form_token"' not in page_html
    response = client.post(event.url, registration_data())
    assert response.status_code == 409
    assert message in response.content.decode()
    assert not EventRegistration.objects.exists()


def test_event_without_registration_takes_no_posts(client, event_index):
    event = EventPageFactory(parent=event_index, registration=Registration.NONE)
    assert client.post(event.url, registration_data()).status_code == 405
    assert not EventRegistration.objects.exists()


def test_unpublished_event_takes_no_registration(event):
    event.unpublish()
    with pytest.raises(RegistrationRefused):
        register(event.pk, EventRegistration(name="X", email="x@example.pl"))
    assert not EventRegistration.objects.exists()


def test_unlimited_event_never_fills(client, event_index):
    event = EventPageFactory(parent=event_index, registration=Registration.OPEN, places=None)
    EventRegistrationFactory.create_batch(30, event=event)
    assert client.post(event.url, registration_data()).status_code == 200
    assert "Zapisy są otwarte." in client.get(event.url).content.decode()


def test_register_refuses_exactly_at_capacity(event):
    EventRegistrationFactory(event=event)
    register(event.pk, EventRegistration(name="Druga", email="druga@example.pl"))
    with pytest.raises(RegistrationRefused, match="Brak wolnych miejsc"):
        register(event.pk, EventRegistration(name="Trzecia", email="trzecia@example.pl"))
    assert event.registrations.count() == 2
