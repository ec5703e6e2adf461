import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest

from pages.cao.schedule import date_text, period_text, slot_text, weekdays_phrase, weekly_lines

T = datetime.time
WARSAW = ZoneInfo("Europe/Warsaw")


@dataclass
class Slot:
    weekday: int
    starts_at: datetime.time
    ends_at: datetime.time
    note: str = ""


@pytest.mark.parametrize(
    ("weekday", "expected"),
    [
        (0, "poniedziałki, 10:00–14:00"),
        (1, "wtorki, 10:00–14:00"),
        (2, "środy, 10:00–14:00"),
        (3, "czwartki, 10:00–14:00"),
        (4, "piątki, 10:00–14:00"),
        (5, "soboty, 10:00–14:00"),
        (6, "niedziele, 10:00–14:00"),
    ],
)
def test_each_weekday_takes_its_plural(weekday, expected):
    assert slot_text(Slot(weekday, T(10), T(14))) == expected


def test_hours_without_leading_zero_and_minutes_kept():
    assert slot_text(Slot(1, T(9, 30), T(12, 5))) == "wtorki, 9:30–12:05"


def test_note_follows_in_brackets():
    assert slot_text(Slot(4, T(12), T(14), "dyżur telefoniczny")) == (
        "piątki, 12:00–14:00 (dyżur telefoniczny)"
    )


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ([1], "wtorki"),
        ([3, 1], "wtorki i czwartki"),
        ([0, 2, 4], "poniedziałki, środy i piątki"),
        ([0, 1, 2, 3, 4], "od poniedziałku do piątku"),
        ([2, 3, 4, 5, 6], "od środy do niedzieli"),
        ([0, 1], "poniedziałki i wtorki"),
        ([0, 1, 3], "poniedziałki, wtorki i czwartki"),
    ],
)
def test_weekdays_phrase(days, expected):
    assert weekdays_phrase(days) == expected


def test_days_with_the_same_hours_are_said_together_in_week_order():
    slots = [
        Slot(4, T(9), T(12)),
        Slot(3, T(10), T(14)),
        Slot(1, T(10), T(14)),
        Slot(1, T(16), T(18)),
    ]
    assert weekly_lines(slots) == [
        "wtorki i czwartki, 10:00–14:00",
        "wtorki, 16:00–18:00",
        "piątki, 9:00–12:00",
    ]


def test_a_note_keeps_its_slot_apart():
    slots = [Slot(1, T(10), T(14)), Slot(3, T(10), T(14), "online")]
    assert weekly_lines(slots) == ["wtorki, 10:00–14:00", "czwartki, 10:00–14:00 (online)"]


def test_no_slots_no_lines():
    assert weekly_lines([]) == []


def test_one_off_date_in_polish():
    day = datetime.date(2026, 12, 8)
    assert date_text(day, T(10), T(14)) == "wtorek, 8 grudnia 2026, 10:00–14:00"
    assert date_text(day, T(10)) == "wtorek, 8 grudnia 2026, od 10:00"
    assert date_text(datetime.date(2027, 3, 1)) == "poniedziałek, 1 marca 2027"


def test_event_period_same_day_and_across_days():
    start = datetime.datetime(2026, 12, 5, 10, tzinfo=WARSAW)
    assert period_text(start) == "5 grudnia 2026, 10:00"
    assert period_text(start, start.replace(hour=14)) == "5 grudnia 2026, 10:00–14:00"
    assert period_text(start, start.replace(day=6, hour=16)) == (
        "5 grudnia 2026, 10:00 – 6 grudnia 2026, 16:00"
    )


def test_event_period_shown_in_warsaw_time_whatever_it_was_stored_in():
    start = datetime.datetime(2026, 7, 1, 8, tzinfo=datetime.UTC)  # 10:00 in summer
    assert period_text(start) == "1 lipca 2026, 10:00"
