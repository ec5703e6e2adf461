"""Personal data of CAO requests go when their retention period is over (RODO)."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import pytest

from core.retention import purge_expired_personal_data
from pages.cao.models import BookingRequest, EventRegistration
from tests.factories.cao import (
    BookingRequestFactory,
    EventPageFactory,
    EventRegistrationFactory,
    in_days,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def ago(days: int) -> datetime.datetime:
    return timezone.now() - days * DAY


@pytest.fixture
def bookings(home_page):  # home_page: the default site, whose privacy settings give 365 days
    return {
        "handled_long_ago": BookingRequestFactory(
            submitted_at=ago(500), is_handled=True, handled_at=ago(400)
        ),
        "handled_lately_though_old": BookingRequestFactory(
            submitted_at=ago(500), is_handled=True, handled_at=ago(10)
        ),
        "never_handled_old": BookingRequestFactory(submitted_at=ago(400)),
        "never_handled_recent": BookingRequestFactory(submitted_at=ago(30)),
    }


def test_booking_retention_counts_from_handling_or_else_from_sending(bookings):
    cleared = purge_expired_personal_data()
    assert cleared["cao.BookingRequest"] == 2
    for key, booking in bookings.items():
        booking.refresh_from_db()
        removed = key in ("handled_long_ago", "never_handled_old")
        assert (booking.personal_data_removed_at is not None) is removed, key
        if removed:
            assert (booking.name, booking.email, booking.phone, booking.preferred_dates) == (
                "",
                "",
                "",
                "",
            )
        else:
            assert booking.name == "Jan Kowalski"
        # The matter itself stays, for the department's yearly report.
        assert booking.topic == "Zmiana statutu"
        assert booking.receipt_number


def test_purge_command_runs_for_cao_and_is_idempotent(bookings):
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "cao.BookingRequest: usunięto dane z 2 zgłoszeń" in out.getvalue()
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "cao.BookingRequest: usunięto dane z 0 zgłoszeń" in out.getvalue()
    assert BookingRequest.objects.filter(personal_data_removed_at__isnull=True).count() == 2


def test_dry_run_changes_nothing(bookings):
    call_command("purge_personal_data", "--dry-run", stdout=StringIO())
    assert not BookingRequest.objects.filter(personal_data_removed_at__isnull=False).exists()


def test_registration_retention_counts_from_the_end_of_the_event(event_index):
    over = EventPageFactory(parent=event_index, starts_at=ago(401), ends_at=ago(400))
    over_no_end = EventPageFactory(parent=event_index, starts_at=ago(400), ends_at=None)
    recent = EventPageFactory(parent=event_index, starts_at=ago(20), ends_at=ago(19))
    upcoming = EventPageFactory(parent=event_index, starts_at=in_days(30))
    expired = [
        EventRegistrationFactory(event=over, submitted_at=ago(420)),
        EventRegistrationFactory(event=over_no_end, submitted_at=ago(420)),
    ]
    kept = [
        EventRegistrationFactory(event=recent, submitted_at=ago(500)),
        EventRegistrationFactory(event=upcoming, submitted_at=ago(400)),
    ]
    cleared = purge_expired_personal_data()
    assert cleared["cao.EventRegistration"] == 2
    for registration in expired:
        registration.refresh_from_db()
        assert registration.personal_data_removed_at is not None
        assert (registration.name, registration.email, registration.needs) == ("", "", "")
        assert registration.event_title  # which event it was stays
    for registration in kept:
        registration.refresh_from_db()
        assert registration.personal_data_removed_at is None
        assert registration.name.startswith("Uczestnik")


def test_registration_of_a_deleted_event_counts_from_sending(event_index):
    event = EventPageFactory(parent=event_index, starts_at=in_days(30))
    old = EventRegistrationFactory(event=event, submitted_at=ago(400))
    new = EventRegistrationFactory(event=event, submitted_at=ago(5))
    event.delete()
    purge_expired_personal_data()
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.event is None and old.personal_data_removed_at is not None
    assert new.personal_data_removed_at is None


def test_retention_period_is_the_editors_setting(home_page, bookings):
    from wagtail.models import Site

    from core.models import PrivacySettings

    settings = PrivacySettings.for_site(Site.objects.get(is_default_site=True))
    settings.retention_days = 5
    settings.save()
    purge_expired_personal_data()
    bookings["handled_lately_though_old"].refresh_from_db()
    assert bookings["handled_lately_though_old"].personal_data_removed_at is not None
    bookings["never_handled_recent"].refresh_from_db()
    assert bookings["never_handled_recent"].personal_data_removed_at is not None
    assert not EventRegistration.objects.exists()
