"""The state of a call follows from its dates; the database filter agrees at every edge."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from snippets.call_state import CALL
from snippets.models import GrantCall
from tests.factories.registry import GrantCallFactory

WARSAW = ZoneInfo("Europe/Warsaw")
ANNOUNCED = datetime(2026, 3, 2, 9, 0, tzinfo=WARSAW)
DUE = datetime(2026, 3, 23, 15, 30, tzinfo=WARSAW)
RESULTS = datetime(2026, 4, 10, 12, 0, tzinfo=WARSAW)
SECOND = timedelta(seconds=1)


CANCELLED, EVALUATION, OPEN, PLANNED, RESOLVED = (
    CALL.CANCELLED,
    CALL.EVALUATION,
    CALL.OPEN,
    CALL.PLANNED,
    CALL.RESOLVED,
)


def state(now, results=RESULTS, cancelled=None):
    call = GrantCall(
        announced_at=ANNOUNCED,
        offers_due_at=DUE,
        results_published_at=results,
        cancelled_at=cancelled,
    )
    return CALL.state_of(call, now)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (ANNOUNCED - SECOND, PLANNED),
        (ANNOUNCED, OPEN),
        (DUE - SECOND, OPEN),
        (DUE, EVALUATION),  # an offer at the very deadline is late
        (RESULTS - SECOND, EVALUATION),
        (RESULTS, RESOLVED),
        (RESULTS + timedelta(days=400), RESOLVED),
    ],
)
def test_states_at_their_edges(now, expected):
    assert state(now) == expected


def test_without_results_the_evaluation_goes_on():
    assert state(DUE + timedelta(days=365), results=None) == EVALUATION


def test_cancellation_counts_from_its_moment():
    cancelled = DUE + timedelta(days=2)
    assert state(cancelled - SECOND, cancelled=cancelled) == EVALUATION
    assert state(cancelled, cancelled=cancelled) == CANCELLED
    # Cancelled before the announcement: the call never opens.
    early = ANNOUNCED - timedelta(days=1)
    assert state(ANNOUNCED + SECOND, cancelled=early) == CANCELLED


@pytest.mark.django_db
def test_database_filter_agrees_with_the_rule_at_every_edge():
    calls = [
        GrantCallFactory(announced_at=ANNOUNCED, offers_due_at=DUE, results_published_at=RESULTS),
        GrantCallFactory(announced_at=ANNOUNCED, offers_due_at=DUE, results_published_at=None),
        GrantCallFactory(
            announced_at=ANNOUNCED,
            offers_due_at=DUE,
            cancelled_at=DUE + timedelta(days=2),
            cancellation_reason="brak-ofert",
        ),
    ]
    moments = [ANNOUNCED - SECOND, ANNOUNCED, DUE - SECOND, DUE, RESULTS - SECOND, RESULTS]
    moments.append(DUE + timedelta(days=2))
    for now in moments:
        for expected_state in CALL:
            in_db = set(
                GrantCall.objects.in_state(expected_state, now).values_list("pk", flat=True)
            )
            by_rule = {call.pk for call in calls if call.state_at(now) == expected_state}
            assert in_db == by_rule, (now, expected_state)


@pytest.mark.django_db
def test_relevance_order_puts_open_calls_first_by_deadline():
    now = ANNOUNCED + timedelta(days=1)
    later_open = GrantCallFactory(announced_at=ANNOUNCED, offers_due_at=DUE + timedelta(days=5))
    sooner_open = GrantCallFactory(announced_at=ANNOUNCED, offers_due_at=DUE)
    planned = GrantCallFactory(
        announced_at=now + timedelta(days=3), offers_due_at=now + timedelta(days=30)
    )
    resolved = GrantCallFactory(
        announced_at=now - timedelta(days=90),
        offers_due_at=now - timedelta(days=60),
        results_published_at=now - timedelta(days=30),
    )
    newer_resolved = GrantCallFactory(
        announced_at=now - timedelta(days=60),
        offers_due_at=now - timedelta(days=30),
        results_published_at=now - timedelta(days=10),
    )
    ordered = list(GrantCall.objects.by_relevance(now))
    assert ordered == [sooner_open, later_open, planned, newer_resolved, resolved]
