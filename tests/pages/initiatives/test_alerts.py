"""The calls in the e-mail alerts: described only while live and public, opened and
closing moments from the application windows."""

from datetime import timedelta

from django.utils import timezone

import pytest

from alerts.registry import CLOSING, OPENED, source_for
from tests.factories import initiatives

pytestmark = pytest.mark.django_db


def test_windows_set_off_opened_and_closing(initiative_index):
    now = timezone.now()
    rules = initiatives.rules_page(
        initiative_index,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=3, hours=-1),
    )
    source = source_for("initiative_rules")
    item = source.describe(rules)
    assert item.title == rules.title and item.url == rules.url and "Wnioski: od" in item.dates
    moments = list(source.due(now - timedelta(hours=2), now))
    assert (rules, OPENED) in moments and (rules, CLOSING) in moments
    rules.unpublish()
    assert source.describe(rules) is None
    assert list(source.due(now - timedelta(hours=2), now)) == []
