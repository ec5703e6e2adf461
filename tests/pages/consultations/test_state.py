"""The state machine at its edges, and its database twin agreeing with it."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from pages.consultations.models import ConsultationPage
from pages.consultations.state import CONSULTATION
from tests.factories.consultations import ConsultationPageFactory, pdf_document

WARSAW = ZoneInfo("Europe/Warsaw")
OPENS = datetime(2026, 3, 2, 9, 0, tzinfo=WARSAW)
CLOSES = datetime(2026, 3, 31, 23, 59, tzinfo=WARSAW)
SECOND = timedelta(seconds=1)


def state_at(now, has_report_content=False, **overrides):
    if has_report_content:
        overrides["report_summary"] = "<p>Raport</p>"
    page = ConsultationPage(**{"opens_at": OPENS, "closes_at": CLOSES, **overrides})
    return CONSULTATION.state_of(page, now)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (OPENS - SECOND, CONSULTATION.PLANNED),
        (OPENS, CONSULTATION.OPEN),
        (OPENS + SECOND, CONSULTATION.OPEN),
        (CLOSES - SECOND, CONSULTATION.OPEN),
        (CLOSES, CONSULTATION.CLOSED),
        (CLOSES + SECOND, CONSULTATION.CLOSED),
    ],
)
def test_state_at_the_edges_of_the_period(now, expected):
    assert state_at(now) == expected


def test_the_same_moment_in_another_time_zone_gives_the_same_state():
    utc_now = (CLOSES - SECOND).astimezone(ZoneInfo("UTC"))
    assert state_at(utc_now) == CONSULTATION.OPEN


@pytest.mark.parametrize("now", [OPENS - SECOND, OPENS + SECOND, CLOSES + SECOND])
def test_cancelled_wins_whatever_the_dates(now):
    assert state_at(now, is_cancelled=True) == CONSULTATION.CANCELLED


def test_report_concludes_a_closed_consultation_from_its_date():
    report_day = date(2026, 4, 10)
    report = {"report_date": report_day, "has_report_content": True}
    day_before_end = datetime(2026, 4, 9, 23, 59, 59, tzinfo=WARSAW)
    day_start = datetime(2026, 4, 10, 0, 0, 0, tzinfo=WARSAW)
    assert state_at(day_before_end, **report) == CONSULTATION.CLOSED
    assert state_at(day_start, **report) == CONSULTATION.CONCLUDED
    # The report date is a local date: 23:30 UTC on 9 April is already 10 April in Warsaw.
    assert state_at(day_start.astimezone(ZoneInfo("UTC")), **report) == CONSULTATION.CONCLUDED


def test_report_without_content_or_date_does_not_conclude():
    later = CLOSES + timedelta(days=30)
    assert state_at(later, report_date=date(2026, 4, 1)) == CONSULTATION.CLOSED
    assert state_at(later, has_report_content=True) == CONSULTATION.CLOSED


def test_report_does_not_conclude_an_open_consultation():
    inputs = {"report_date": date(2026, 3, 1), "has_report_content": True}
    assert state_at(OPENS + SECOND, **inputs) == CONSULTATION.OPEN


def test_labels_are_polish():
    assert CONSULTATION.PLANNED.label == "Planowana"
    assert CONSULTATION.CANCELLED.label == "Odwołana"


@pytest.fixture
def pages_in_every_state(consultation_index):
    """Consultations around a fixed moment, built so each lands in a different state."""
    now = datetime(2026, 3, 15, 12, 0, tzinfo=WARSAW)
    report = pdf_document()

    def make(slug, **fields):
        return ConsultationPageFactory(parent=consultation_index, slug=slug, **fields)

    pages = {
        "planned": make("a", opens_at=now + SECOND, closes_at=now + timedelta(days=9)),
        "open-start": make("b", opens_at=now, closes_at=now + timedelta(days=9)),
        "open-end": make("c", opens_at=now - timedelta(days=9), closes_at=now + SECOND),
        "closed": make("d", opens_at=now - timedelta(days=9), closes_at=now),
        "closed-future-report": make(
            "e",
            opens_at=now - timedelta(days=30),
            closes_at=now - timedelta(days=9),
            report_summary="<p>Raport</p>",
            report_date=date(2026, 3, 16),
        ),
        "concluded-summary": make(
            "f",
            opens_at=now - timedelta(days=30),
            closes_at=now - timedelta(days=9),
            report_summary="<p>Raport</p>",
            report_date=date(2026, 3, 15),
        ),
        "concluded-document": make(
            "g",
            opens_at=now - timedelta(days=30),
            closes_at=now - timedelta(days=9),
            report_document=report,
            report_date=date(2026, 3, 1),
        ),
        "closed-date-only": make(
            "h",
            opens_at=now - timedelta(days=30),
            closes_at=now - timedelta(days=9),
            report_date=date(2026, 3, 1),
        ),
        "cancelled": make(
            "i",
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=9),
            is_cancelled=True,
            cancellation_reason="Wycofany projekt.",
        ),
    }
    return now, pages


@pytest.mark.django_db
def test_database_filter_agrees_with_the_function(pages_in_every_state):
    now, pages = pages_in_every_state
    expected = {
        "planned": "planned",
        "open-start": "open",
        "open-end": "open",
        "closed": "closed",
        "closed-future-report": "closed",
        "concluded-summary": "concluded",
        "concluded-document": "concluded",
        "closed-date-only": "closed",
        "cancelled": "cancelled",
    }
    for name, page in pages.items():
        assert page.get_state(now) == expected[name], name
    for state in CONSULTATION:
        in_db = set(ConsultationPage.objects.in_state(state, now).values_list("pk", flat=True))
        by_function = {p.pk for p in pages.values() if p.get_state(now) == state}
        assert in_db == by_function, state


@pytest.mark.django_db
def test_listing_order(pages_in_every_state):
    now, _pages = pages_in_every_state
    ordered = [p.slug for p in ConsultationPage.objects.in_listing_order(now)]
    ranks = [
        {"open": 0, "planned": 1, "closed": 2, "concluded": 2, "cancelled": 3}[
            ConsultationPage.objects.get(slug=slug).get_state(now)
        ]
        for slug in ordered
    ]
    assert ranks == sorted(ranks)
    # Open ones closing soonest first; the cancelled one last although it is "current".
    assert ordered[:2] == ["c", "b"]
    assert ordered[2] == "a"
    assert ordered[-1] == "i"
    # Finished ones: most recently closed first.
    assert ordered[3] == "d"
