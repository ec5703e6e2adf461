"""Personal data in responses go when retention is over, counted from the closing."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import pytest

from core.models import PrivacySettings
from core.retention import purge_expired_personal_data
from pages.consultations.models import ConsultationResponse
from tests.factories.consultations import ConsultationPageFactory, ConsultationResponseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def retention_30_days(home_page):
    settings = PrivacySettings.for_site(home_page.get_site())
    settings.retention_days = 30
    settings.save()
    return settings


def test_purge_clears_name_and_email_keeps_the_comment(retention_30_days, consultation_index):
    now = timezone.now()
    long_closed = ConsultationPageFactory(
        parent=consultation_index,
        opens_at=now - timedelta(days=80),
        closes_at=now - timedelta(days=31),
    )
    recently_closed = ConsultationPageFactory(
        parent=consultation_index,
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=29),
    )
    # Sent long ago, but to a consultation that closed recently: retention runs from
    # the closing, not from sending.
    old = ConsultationResponseFactory(
        consultation=long_closed, comment="Stara uwaga.", submitted_at=now - timedelta(days=70)
    )
    kept = ConsultationResponseFactory(
        consultation=recently_closed,
        comment="Świeża uwaga.",
        submitted_at=now - timedelta(days=59),
    )

    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "consultations.ConsultationResponse: usunięto dane z 1 zgłoszeń" in out.getvalue()

    old.refresh_from_db()
    kept.refresh_from_db()
    assert (old.author_name, old.email) == ("", "")
    assert old.comment == "Stara uwaga."
    assert old.document_part == "§ 1"
    assert old.receipt_number and old.personal_data_removed_at is not None
    assert (kept.author_name, kept.email) == ("Anna Nowak", "anna.nowak@example.pl")
    assert kept.personal_data_removed_at is None

    # Idempotent: a second run clears nothing more and keeps the first date.
    removed_at = old.personal_data_removed_at
    assert purge_expired_personal_data()["consultations.ConsultationResponse"] == 0
    old.refresh_from_db()
    assert old.personal_data_removed_at == removed_at


def test_the_boundary_is_the_closing_plus_the_period(retention_30_days, consultation_index):
    now = timezone.now()
    page = ConsultationPageFactory(
        parent=consultation_index,
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=30),
    )
    response = ConsultationResponseFactory(consultation=page)
    closes = page.closes_at
    day = timedelta(days=30)
    second = timedelta(seconds=1)
    cleared = purge_expired_personal_data(now=closes + day, dry_run=True)
    assert cleared["consultations.ConsultationResponse"] == 0
    cleared = purge_expired_personal_data(now=closes + day + second)
    assert cleared["consultations.ConsultationResponse"] == 1
    response.refresh_from_db()
    assert response.email == ""


def test_open_consultations_keep_personal_data(retention_30_days, consultation_index):
    page = ConsultationPageFactory(parent=consultation_index)
    ConsultationResponseFactory(
        consultation=page, submitted_at=timezone.now() - timedelta(days=400)
    )
    assert purge_expired_personal_data()["consultations.ConsultationResponse"] == 0
    assert ConsultationResponse.objects.get().email == "anna.nowak@example.pl"


def test_purge_clears_an_unconfirmed_organisation_keeps_a_confirmed_one(
    retention_30_days, consultation_index
):
    now = timezone.now()
    closed = ConsultationPageFactory(
        parent=consultation_index,
        opens_at=now - timedelta(days=80),
        closes_at=now - timedelta(days=31),
    )
    typed_own_name = ConsultationResponseFactory(consultation=closed, organisation="Anna Nowak")
    confirmed = ConsultationResponseFactory(
        consultation=closed, organisation="Klub Seniora", organisation_confirmed=True
    )
    call_command("purge_personal_data", stdout=StringIO())
    typed_own_name.refresh_from_db()
    confirmed.refresh_from_db()
    assert typed_own_name.organisation == ""
    assert (confirmed.organisation, confirmed.public_submitter) == ("Klub Seniora", "Klub Seniora")
