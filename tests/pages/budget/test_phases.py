"""The edition's phase follows the clock: state_of() and q() agree at every edge."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from pages.budget.models import BudgetEditionPage
from pages.budget.phases import EDITION
from tests.factories import budget

pytestmark = pytest.mark.django_db

INSTANT = timedelta(microseconds=1)


def _phase_in_db(edition, now):
    return [
        phase
        for phase in EDITION
        if EDITION.filter(BudgetEditionPage.objects.filter(pk=edition.pk), phase, now).exists()
    ]


def test_each_phase_starts_at_its_moment_and_db_agrees(budget_index):
    start = timezone.now().replace(microsecond=0) + timedelta(days=1)
    edition = budget.edition_page(budget_index, submission_from=start)
    assert edition.get_phase(start - INSTANT) == EDITION.ANNOUNCED
    assert _phase_in_db(edition, start - INSTANT) == [EDITION.ANNOUNCED]
    for phase in EDITION.PHASES[1:]:  # ideas has no start in this edition
        moment = getattr(edition, EDITION.field_of(phase))
        assert edition.get_phase(moment) == phase, phase
        assert _phase_in_db(edition, moment) == [phase], phase
        before = edition.get_phase(moment - INSTANT)
        assert before != phase
        assert _phase_in_db(edition, moment - INSTANT) == [before]


def test_optional_ideas_phase(budget_index):
    start = timezone.now() + timedelta(days=5)
    edition = budget.edition_page(
        budget_index, submission_from=start, ideas_from=start - timedelta(days=3)
    )
    moment = start - timedelta(days=1)
    assert edition.get_phase(moment) == EDITION.IDEAS
    assert _phase_in_db(edition, moment) == [EDITION.IDEAS]
    assert edition.phase_end(EDITION.IDEAS) == start


def test_schedule_must_be_in_order(budget_index):
    edition = budget.edition_page(budget_index)
    edition.merit_from = edition.formal_from
    with pytest.raises(ValidationError) as error:
        edition.full_clean()
    assert "musi przypadać później" in str(error.value)


def test_next_change_is_the_next_phase_start(edition):
    now = timezone.now()
    assert EDITION.next_change_of(edition, now) == edition.formal_from
    assert EDITION.next_change(now) == edition.formal_from
