"""Certificates of CAO trainings: issued when a participant is marked present, downloaded
by the submissions team (recorded), and checked by anyone with the code, which shows only
the name, the training and its day."""

import io
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.cache import caches
from django.utils import timezone

import pytest
from docx import Document

from accounts.roles import EDITORS, SUBMISSIONS_TEAM
from core.models import PersonalDataAccess
from pages.cao.choices import EventKind
from pages.cao.models import TrainingCertificate
from pages.cao.models.certificate import normalised_code
from tests.factories.cao import EventPageFactory, EventRegistrationFactory, in_days

pytestmark = pytest.mark.django_db

CHECK = "/zaswiadczenia/sprawdz/"
REGISTRATIONS = "/admin/cao/zapisy-na-wydarzenia/"


@pytest.fixture(autouse=True)
def fresh_counters():
    caches["counters"].clear()
    yield
    caches["counters"].clear()


@pytest.fixture
def team_client(client, django_user_model, home_page):
    user = django_user_model.objects.create_user("obsluga", password="haslo-testowe-123")
    user.groups.add(Group.objects.get(name=SUBMISSIONS_TEAM))
    client.force_login(user)
    return client


@pytest.fixture
def training(event_index):
    return EventPageFactory(
        parent=event_index,
        title="Szkolenie z rozliczania dotacji",
        kind=EventKind.TRAINING,
        starts_at=in_days(-1, 10),
    )


@pytest.fixture
def registration(training):
    return EventRegistrationFactory(
        event=training,
        name="Ewa Lis",
        email="ewa@example.pl",
        phone="600 100 200",
        organisation_name="Stowarzyszenie Razem",
    )


def mark(team_client, registration, attended=True):
    data = {"is_cancelled": "", "needs_consent_withdrawn": ""}
    if attended:
        data["attended"] = "on"
    return team_client.post(f"{REGISTRATIONS}edit/{registration.pk}/", data)


def test_marking_present_issues_one_certificate_with_a_code(team_client, registration):
    response = mark(team_client, registration)
    assert response.status_code == 302
    certificate = TrainingCertificate.objects.get()
    assert certificate.registration == registration
    assert certificate.holder_name == "Ewa Lis"
    assert certificate.event_title == "Szkolenie z rozliczania dotacji"
    assert certificate.event_date == timezone.localdate(registration.event.starts_at)
    assert len(certificate.code) == 14 and certificate.code.count("-") == 2
    mark(team_client, registration)  # saved again: the same certificate
    assert TrainingCertificate.objects.get().code == certificate.code
    listing = team_client.get(REGISTRATIONS).content.decode()
    assert certificate.code in listing
    assert f"{REGISTRATIONS}{registration.pk}/zaswiadczenie.pdf" in listing


def test_unmarking_withdraws_the_certificate(team_client, registration):
    mark(team_client, registration)
    code = TrainingCertificate.objects.get().code
    mark(team_client, registration, attended=False)
    assert not TrainingCertificate.objects.exists()
    assert client_check(team_client, code).status_code == 404


def test_no_certificate_for_a_conference(team_client, event_index):
    conference = EventPageFactory(
        parent=event_index, kind=EventKind.CONFERENCE, starts_at=in_days(-3)
    )
    registration = EventRegistrationFactory(event=conference)
    assert mark(team_client, registration).status_code == 302
    registration.refresh_from_db()
    assert registration.attended
    assert not TrainingCertificate.objects.exists()


def assert_presence_refused(team_client, registration, message):
    response = mark(team_client, registration)
    assert response.status_code == 200  # the form again, not the redirect of a save
    html = response.content.decode()
    assert message in html
    registration.refresh_from_db()
    assert not registration.attended
    assert not TrainingCertificate.objects.exists()


def test_presence_before_the_event_starts_is_refused(team_client, event_index):
    for kind in (EventKind.TRAINING, EventKind.CONFERENCE):
        future = EventPageFactory(parent=event_index, kind=kind, starts_at=in_days(3, 10))
        assert_presence_refused(
            team_client,
            EventRegistrationFactory(event=future),
            "obecność można oznaczyć dopiero od tej chwili",
        )


def test_presence_of_a_cancelled_registration_is_refused(team_client, registration):
    registration.is_cancelled = True
    registration.save()
    response = team_client.post(
        f"{REGISTRATIONS}edit/{registration.pk}/",
        {"is_cancelled": "on", "attended": "on", "needs_consent_withdrawn": ""},
    )
    assert response.status_code == 200
    assert "Zapis jest anulowany" in response.content.decode()
    registration.refresh_from_db()
    assert not registration.attended and not TrainingCertificate.objects.exists()
    # Cancelling and ticking presence in one save is refused as well.
    registration.is_cancelled = False
    registration.save()
    response = team_client.post(
        f"{REGISTRATIONS}edit/{registration.pk}/",
        {"is_cancelled": "on", "attended": "on", "needs_consent_withdrawn": ""},
    )
    assert "Zapis jest anulowany" in response.content.decode()
    registration.refresh_from_db()
    assert not registration.is_cancelled and not registration.attended


def test_cancelling_someone_marked_present_says_to_untick_presence(team_client, registration):
    assert mark(team_client, registration).status_code == 302
    certificate = TrainingCertificate.objects.get()
    response = team_client.post(
        f"{REGISTRATIONS}edit/{registration.pk}/",
        {"is_cancelled": "on", "attended": "on", "needs_consent_withdrawn": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "zapisu nie można anulować" in html
    assert "najpierw odznacz „Anulowany”" not in html
    registration.refresh_from_db()
    assert not registration.is_cancelled and registration.attended
    assert TrainingCertificate.objects.get() == certificate


def test_presence_after_the_personal_data_were_purged_is_refused(team_client, registration):
    registration.personal_data_removed_at = timezone.now()
    registration.name = ""
    registration.save()
    assert_presence_refused(team_client, registration, "Dane osobowe z tego zapisu")


def test_the_presence_rule_follows_the_clock(training):
    from pages.cao.certificates import presence_refusal

    registration = EventRegistrationFactory(event=training)
    start = training.starts_at
    assert presence_refusal(registration, now=start) is None
    refusal = presence_refusal(registration, now=start - timedelta(minutes=1))
    assert refusal and "dopiero od tej chwili" in refusal


@pytest.mark.parametrize("extension", ["pdf", "docx"])
def test_the_team_downloads_the_certificate_and_the_download_is_recorded(
    team_client, registration, extension
):
    mark(team_client, registration)
    certificate = TrainingCertificate.objects.get()
    PersonalDataAccess.objects.all().delete()
    response = team_client.get(f"{REGISTRATIONS}{registration.pk}/zaswiadczenie.{extension}")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if extension == "docx":
        text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
        assert "Ewa Lis" in text
        assert certificate.code in text
        assert "/zaswiadczenia/sprawdz/" in text
    else:
        assert content.startswith(b"%PDF")
    entry = PersonalDataAccess.objects.get()
    assert entry.action == PersonalDataAccess.Action.EXPORT
    assert entry.object_id == str(registration.pk)
    assert entry.export_format == extension


def test_editors_and_strangers_cannot_download(client, django_user_model, registration):
    registration.attended = True
    registration.save()
    TrainingCertificate.issue(registration)
    url = f"{REGISTRATIONS}{registration.pk}/zaswiadczenie.pdf"
    assert client.get(url).status_code == 302  # to the login
    editor = django_user_model.objects.create_user("redaktor")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)


def client_check(client, code, **extra):
    return client.post(CHECK, {"kod": code}, **extra)


def test_anyone_checks_a_code_and_sees_only_name_training_and_day(client, registration):
    certificate = TrainingCertificate.issue(registration)
    assert client.get(CHECK).status_code == 200
    typed = certificate.code.lower().replace("-", " ")  # as someone may type it
    response = client_check(client, typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ewa Lis" in html
    assert "Szkolenie z rozliczania dotacji" in html
    assert certificate.code in html
    for private in ("ewa@example.pl", "600 100 200", "Stowarzyszenie Razem", "pętla"):
        assert private not in html
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"


def test_the_certificate_outlives_the_registrations_personal_data(client, registration):
    certificate = TrainingCertificate.issue(registration)
    registration.personal_data_removed_at = timezone.now()
    registration.name = ""
    registration.save()
    registration.event.delete()
    response = client_check(client, certificate.code)
    assert response.status_code == 200
    assert "Ewa Lis" in response.content.decode()


def test_an_unknown_or_empty_code_is_answered_in_polish(client, registration):
    TrainingCertificate.issue(registration)
    response = client_check(client, "AAAA-BBBB-CCCC")
    assert response.status_code == 404
    assert "Nie znaleziono zaświadczenia o kodzie AAAA-BBBB-CCCC" in response.content.decode()
    response = client_check(client, "  ")
    assert response.status_code == 400
    assert "Wpisz kod z zaświadczenia." in response.content.decode()


def test_checks_are_rate_limited(client, settings, registration):
    certificate = TrainingCertificate.issue(registration)
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "certificate-check": (2, 3600)}
    assert client_check(client, "AAAA-BBBB-CCCC").status_code == 404
    assert client_check(client, "AAAA-BBBB-CCCD").status_code == 404
    response = client_check(client, certificate.code)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Zbyt wiele sprawdzeń" in html
    assert "Ewa Lis" not in html


def test_codes_are_normalised_as_typed():
    assert normalised_code(" acde fghj-kmnp ") == "ACDE-FGHJ-KMNP"
    assert normalised_code("ACDEFGHJKMNPQRST") == "ACDE-FGHJ-KMNP"


def test_certificates_are_checkable_for_five_years_after_the_training(registration):
    """The retention decided for certificates: the code checks for CERTIFICATE_YEARS after
    the training's day, then `purge_personal_data` deletes the certificate (the name)."""
    from core.retention import purge_by_own_rules

    kept = TrainingCertificate.issue(registration)
    old = TrainingCertificate.issue(EventRegistrationFactory(event=registration.event))
    today = timezone.localdate()
    TrainingCertificate.objects.filter(pk=old.pk).update(
        event_date=today.replace(year=today.year - 5) - timedelta(days=1)
    )
    TrainingCertificate.objects.filter(pk=kept.pk).update(
        event_date=today.replace(year=today.year - 5) + timedelta(days=1)
    )
    assert purge_by_own_rules(dry_run=True)["cao.TrainingCertificate"] == 1
    assert TrainingCertificate.objects.count() == 2
    assert purge_by_own_rules()["cao.TrainingCertificate"] == 1
    assert list(TrainingCertificate.objects.all()) == [kept]
