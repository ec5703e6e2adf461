"""Asking for an appointment: validation in Polish, spam and repeat protection, receipt."""

import uuid

from django.core import mail
from django.test import Client

import pytest

from core.ratelimit import limit_for
from pages.cao.forms import CONTACT_MISSING
from pages.cao.models import BookingRequest
from tests.factories.cao import AdvisoryServicePageFactory
from tests.factories.pages import PersonFactory

pytestmark = pytest.mark.django_db

FORM_LIMIT, _period = limit_for("cao-booking")


@pytest.fixture
def service(service_index):
    advisor = PersonFactory(name="Aneta Dors", email="doradca@dg.pl")
    return AdvisoryServicePageFactory(parent=service_index, title="Porady prawne", advisor=advisor)


def booking_data(**overrides):
    data = {
        "form_token": str(uuid.uuid4()),
        "name": "Jan Kowalski",
        "email": "jan@example.pl",
        "phone": "",
        "topic": "Zmiana statutu stowarzyszenia",
        "preferred_dates": "wtorek rano",
        "website": "",
    }
    data.update(overrides)
    return data


def test_booking_is_stored_with_a_receipt(client, service):
    response = client.post(service.url, booking_data(organisation_name="Stowarzyszenie Razem"))
    assert response.status_code == 200
    booking = BookingRequest.objects.get()
    html = response.content.decode()
    assert booking.receipt_number in html
    assert booking.receipt_number.startswith("CAO-")
    assert "prośba o konsultację została przyjęta" in html
    assert booking.service == service
    assert booking.service_title == "Porady prawne"
    assert booking.name == "Jan Kowalski"
    assert booking.for_organisation  # a name given means it is for an organisation
    assert not booking.is_handled


def test_advisor_is_told_without_personal_data(client, service, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(service.url, booking_data())
    [message] = [m for m in mail.outbox if m.to != ["jan@example.pl"]]  # the other: a receipt
    booking = BookingRequest.objects.get()
    assert message.to == ["doradca@dg.pl"]
    assert booking.receipt_number in message.body
    assert f"/admin/cao/prosby-o-konsultacje/edit/{booking.pk}/" in message.body
    assert "Jan Kowalski" not in message.body + message.subject
    assert "jan@example.pl" not in message.body


def test_phone_alone_is_enough(client, service):
    response = client.post(service.url, booking_data(email="", phone="600 123 456"))
    assert response.status_code == 200
    assert BookingRequest.objects.get().phone == "600 123 456"


def test_neither_email_nor_phone_is_refused_in_polish(client, service):
    response = client.post(service.url, booking_data(email="", phone="", name="Anna Nowak"))
    html = response.content.decode()
    assert response.status_code == 400
    assert CONTACT_MISSING in html
    assert "Formularz zawiera błędy" in html  # the summary at the top
    assert 'href="#id_email"' in html  # links to the field
    assert 'value="Anna Nowak"' in html  # what was typed is kept
    assert not BookingRequest.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"email": "nie-adres"}, "Wpisz poprawny adres e-mail"),
        ({"email": "", "phone": "12ab"}, "co najmniej 9 cyframi"),
        ({"email": "", "phone": "12 34"}, "co najmniej 9 cyframi"),
        ({"name": ""}, "Podaj imię i nazwisko."),
        ({"topic": ""}, "Napisz, w jakiej sprawie"),
        ({"for_organisation": "on", "organisation_name": ""}, "Podaj nazwę organizacji"),
        ({"name": "x" * 201}, "200"),
    ],
)
def test_invalid_fields_are_explained(client, service, overrides, field_message):
    response = client.post(service.url, booking_data(**overrides))
    assert response.status_code == 400
    assert field_message in response.content.decode()
    assert not BookingRequest.objects.exists()


def test_missing_or_forged_token_is_an_error_not_a_crash(client, service):
    for token in ("", "not-a-uuid"):
        response = client.post(service.url, booking_data(form_token=token))
        assert response.status_code == 400
    assert not BookingRequest.objects.exists()


def test_honeypot_refuses_bots(client, service):
    response = client.post(service.url, booking_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "wysłany automatycznie" in response.content.decode()
    assert not BookingRequest.objects.exists()
    assert not mail.outbox


def test_repeated_post_is_stored_once_and_shows_the_same_receipt(
    client, service, django_capture_on_commit_callbacks
):
    data = booking_data()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(service.url, data)
        second = client.post(service.url, data)
    booking = BookingRequest.objects.get()
    assert booking.receipt_number in first.content.decode()
    assert booking.receipt_number in second.content.decode()
    assert len(mail.outbox) == 2  # the advisor's notice and the receipt, once


def test_rate_limit_answers_429_in_polish(client, service):
    for _ in range(FORM_LIMIT):
        assert client.post(service.url, booking_data()).status_code == 200
    response = client.post(service.url, booking_data(name="Ostatni"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "zbyt wiele formularzy" in html
    assert 'value="Ostatni"' in html
    assert BookingRequest.objects.count() == FORM_LIMIT
    # Another address is not affected.
    other = client.post(service.url, booking_data(), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_csrf_is_enforced(service):
    client = Client(enforce_csrf_checks=True)
    response = client.post(service.url, booking_data())
    assert response.status_code == 403
    assert not BookingRequest.objects.exists()


def test_booking_refused_when_service_takes_none(client, service):
    service.booking_enabled = False
    service.save()
    response = client.post(service.url, booking_data())
    assert response.status_code == 405
    assert not BookingRequest.objects.exists()
