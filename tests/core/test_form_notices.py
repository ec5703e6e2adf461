"""The e-mails of the pipeline (core.form_notices): a receipt to whoever gave an e-mail,
and a staff notice to the person in charge or, when they have none, the team's mailbox;
Polish plain text, nothing of what was written, nobody named."""

import uuid

from django.core import mail

import pytest

from core.models import SiteContactSettings
from pages.cao.models import BookingRequest, EventRegistration
from tests.core.test_public_forms import FORMS, event, service
from tests.factories.pages import PersonFactory

pytestmark = pytest.mark.django_db

RESIDENT = "mieszkanka@example.pl"
NGO_TEAM = "cao@dg.pl"
CONSULTATIONS_TEAM = "twojadabrowa@dg.pl"
TEAM_OF = {
    "consultation-comment": CONSULTATIONS_TEAM,
    "cao-booking": NGO_TEAM,
    "event-registration": NGO_TEAM,
    "offer-comment": NGO_TEAM,
}
# What each form's valid data says in the person's words: in no e-mail (it may be read by
# others); their names: in no staff notice either.
WORDS = ("Uwaga testowa", "Statut", "Kosztorys", "wózka")
WRITTEN = (*WORDS, "Jan Kowalski", "Ewa Lis", "Jan Nowak")


@pytest.fixture
def mailboxes(home_page):
    settings = SiteContactSettings.for_site(home_page.get_site())
    settings.ngo_team_email = NGO_TEAM
    settings.consultations_team_email = CONSULTATIONS_TEAM
    settings.save()
    return settings


def _without_person_in_charge(target):
    for name in ("advisor", "contact_person"):
        if hasattr(target, name):
            setattr(target, name, None)
    if hasattr(target, "notification_email"):
        target.notification_email = ""
    if hasattr(target, "save_revision"):
        target.save_revision().publish()


def _send(client, target, data, capture):
    with capture(execute=True):
        response = client.post(target.url, data)
    assert response.status_code == 200, response.text[:500]


def _data(kind, **extra):
    data = {**FORMS[kind][1](), "email": RESIDENT, **extra}
    if kind == "event-registration":
        data.update(needs="dostęp dla wózka", needs_consent="on")
    return data


@pytest.mark.parametrize("kind", FORMS)
def test_a_receipt_goes_to_the_given_email_and_a_notice_to_the_team_mailbox(
    client, home_page, mailboxes, kind, django_capture_on_commit_callbacks
):
    target = FORMS[kind][0](home_page)
    _without_person_in_charge(target)
    _send(client, target, _data(kind), django_capture_on_commit_callbacks)
    stored = FORMS[kind][3].objects.get()
    by_recipient = {tuple(message.to): message for message in mail.outbox}
    assert set(by_recipient) == {(RESIDENT,), (TEAM_OF[kind],)}

    receipt = by_recipient[(RESIDENT,)]
    assert stored.receipt_number in receipt.subject and "potwierdzenie" in receipt.subject
    assert stored.receipt_number in receipt.body
    assert "Dzień dobry" in receipt.body and "Numer potwierdzenia" in receipt.body
    assert "/polityka-prywatnosci/" in receipt.body
    assert receipt.content_subtype == "plain" and not receipt.alternatives
    assert not any(text in receipt.body for text in WORDS)

    notice = by_recipient[(TEAM_OF[kind],)]
    assert stored.receipt_number in notice.subject and "Nowe zgłoszenie" in notice.subject
    assert f"/inspect/{stored.pk}/" in notice.body or f"/edit/{stored.pk}/" in notice.body
    assert not any(text in notice.body + notice.subject for text in WRITTEN)
    assert RESIDENT not in notice.body


@pytest.mark.parametrize("kind", FORMS)
def test_no_email_given_no_receipt(
    client, home_page, mailboxes, kind, django_capture_on_commit_callbacks
):
    target = FORMS[kind][0](home_page)
    data = _data(kind, email="")
    if kind in ("cao-booking", "event-registration"):
        data["phone"] = "600 123 456"
    _send(client, target, data, django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox if RESIDENT in message.to] == []


def test_the_person_in_charge_with_an_email_is_told_not_the_team(
    client, home_page, mailboxes, django_capture_on_commit_callbacks
):
    target = service(home_page)  # its advisor has doradca@dg.pl
    _send(client, target, _data("cao-booking"), django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == ["doradca@dg.pl", RESIDENT]


def test_no_mailbox_and_no_person_in_charge_sends_only_the_receipt(
    client, home_page, django_capture_on_commit_callbacks
):
    target = service(home_page)
    _without_person_in_charge(target)
    _send(client, target, _data("cao-booking"), django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[RESIDENT]]
    assert BookingRequest.objects.count() == 1


def test_a_registration_without_needs_bothers_no_staff(
    client, home_page, mailboxes, django_capture_on_commit_callbacks
):
    target = event(home_page)
    target.contact_person = PersonFactory(email="koordynator@dg.pl")
    target.save_revision().publish()
    data = {**FORMS["event-registration"][1](), "email": RESIDENT}
    _send(client, target, data, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[RESIDENT]]
    data = {**_data("event-registration"), "email": f"{uuid.uuid4().hex[:6]}@example.pl"}
    _send(client, target, data, django_capture_on_commit_callbacks)
    assert ["koordynator@dg.pl"] in [m.to for m in mail.outbox]
    staff = next(m for m in mail.outbox if m.to == ["koordynator@dg.pl"])
    assert "wózka" not in staff.body  # the needs stay in the admin, behind a login
    assert EventRegistration.objects.count() == 2
