"""The personal-data access record: old entries go with the retention period."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import pytest

from core.models import PersonalDataAccess, PrivacySettings
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def _entry(user, days_ago):
    entry = PersonalDataAccess.objects.create(
        user=user,
        username=user.username,
        action=PersonalDataAccess.Action.EXPORT,
        model_label="cao.BookingRequest",
        rows=12,
        export_format="csv",
    )
    # `at` is set on creation; the past is written afterwards.
    PersonalDataAccess.objects.filter(pk=entry.pk).update(
        at=timezone.now() - timedelta(days=days_ago)
    )
    return entry


def test_purge_personal_data_removes_access_entries_past_retention(home_page):
    settings = PrivacySettings.for_site(home_page.get_site())
    settings.retention_days = 30
    settings.save()
    user = UserFactory(username="obsluga")
    old, recent = _entry(user, 31), _entry(user, 29)

    out = StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    assert "Rejestr dostępu do danych osobowych: do usunięcia 1 wpisów" in out.getvalue()
    assert PersonalDataAccess.objects.count() == 2

    call_command("purge_personal_data", stdout=StringIO())
    assert list(PersonalDataAccess.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not PersonalDataAccess.objects.filter(pk=old.pk).exists()


def test_an_entry_outlives_the_account(home_page):
    user = UserFactory(username="byly-pracownik")
    entry = _entry(user, 1)
    user.delete()
    entry.refresh_from_db()
    assert entry.user is None and entry.username == "byly-pracownik"
