"""Terms as Polish law counts them (core.deadlines): calendar days in Warsaw, art. 111 and
art. 115 of the civil code, at both clock changes, at midnight, in the last minute of a
day and on 29 February."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core import deadlines

WARSAW = ZoneInfo("Europe/Warsaw")
UTC = ZoneInfo("UTC")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=WARSAW)


# --- public holidays and working days (art. 115) ------------------------------------


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5))],
)
def test_easter_sunday(year, easter):
    assert deadlines.easter_sunday(year) == easter


def test_public_holidays_of_2026():
    days = deadlines.public_holidays(2026)
    assert date(2026, 4, 6) in days  # Easter Monday
    assert date(2026, 5, 24) in days  # Pentecost Sunday (Easter + 49)
    assert date(2026, 6, 4) in days  # Corpus Christi (Easter + 60)
    assert date(2026, 11, 11) in days
    assert date(2026, 12, 24) in days  # a holiday from 2025 on
    assert date(2024, 12, 24) not in deadlines.public_holidays(2024)
    assert len(days) == 14


def test_working_days():
    assert deadlines.is_working_day(date(2026, 10, 23))  # a Friday
    assert not deadlines.is_working_day(date(2026, 10, 24))  # a Saturday
    assert not deadlines.is_working_day(date(2026, 10, 25))  # a Sunday
    assert not deadlines.is_working_day(date(2026, 11, 11))  # a Wednesday, a holiday


# --- counting a term (art. 111 § 2, art. 115) ------------------------------------------


def test_the_day_of_the_event_is_not_counted():
    # Published on Thursday 15 October 2026, 7 days: the last day is the 22nd.
    assert deadlines.term_last_day(date(2026, 10, 15), 7) == date(2026, 10, 22)
    assert deadlines.term_end(date(2026, 10, 15), 7) == at(2026, 10, 23, 0, 0)


@pytest.mark.parametrize(
    ("event_day", "plain", "extended"),
    [
        # Ends on Saturday 24 October 2026: Monday the 26th with art. 115.
        (date(2026, 10, 17), date(2026, 10, 24), date(2026, 10, 26)),
        # Ends on Easter Sunday 2026: Easter Monday is a holiday too, so Tuesday.
        (date(2026, 3, 29), date(2026, 4, 5), date(2026, 4, 7)),
        # Ends on Christmas Eve 2026 (a Thursday, a holiday from 2025): Monday the 28th.
        (date(2026, 12, 17), date(2026, 12, 24), date(2026, 12, 28)),
        # Ends on a working day: no change.
        (date(2026, 10, 15), date(2026, 10, 22), date(2026, 10, 22)),
    ],
)
def test_art_115_moves_the_end_to_the_next_working_day_only_when_asked(event_day, plain, extended):
    assert deadlines.term_last_day(event_day, 7) == plain
    assert deadlines.term_last_day(event_day, 7, extend=True) == extended


def test_29_february():
    # 2028 is a leap year: 22 February + 7 days is 29 February, and 29 February + 7 is
    # 7 March.
    assert deadlines.term_last_day(date(2028, 2, 22), 7) == date(2028, 2, 29)
    assert deadlines.term_last_day(date(2028, 2, 29), 7) == date(2028, 3, 7)
    end = deadlines.term_end(date(2028, 2, 22), 7)
    assert end == at(2028, 3, 1, 0, 0)
    assert deadlines.term_text(end, at(2028, 2, 25, 12, 0)) == "do 29 lutego włącznie"
    # Art. 13: 21 days from 8 February in a leap year end on 29 February, in 2027 on
    # 1 March.
    assert deadlines.whole_days_between(at(2028, 2, 8, 10, 0), at(2028, 2, 29, 15, 0)) == 21
    assert deadlines.whole_days_between(at(2027, 2, 8, 10, 0), at(2027, 3, 1, 15, 0)) == 21


# --- whole days between two moments (art. 13: at least 21 days) -----------------------


def test_days_between_count_calendar_days_whatever_the_hours():
    announced = at(2026, 3, 2, 16, 0)
    # Due on 23 March at 9:00 is 20 days and 17 hours, but 21 calendar days.
    assert deadlines.whole_days_between(announced, at(2026, 3, 23, 9, 0)) == 21
    # 24:00 of 23 March (stored as 00:00 of the 24th) is still the 23rd.
    assert deadlines.whole_days_between(announced, at(2026, 3, 24, 0, 0)) == 21
    assert deadlines.whole_days_between(announced, at(2026, 3, 22, 23, 59)) == 20


def test_days_between_do_not_depend_on_the_time_zone_of_the_values():
    # 23:30 UTC on 1 March is already 2 March in Warsaw; a form gives naive wall time.
    announced_utc = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    due = at(2026, 3, 23, 9, 0)
    assert deadlines.whole_days_between(announced_utc, due) == 21
    assert deadlines.whole_days_between(datetime(2026, 3, 2, 0, 30), due) == 21
    assert deadlines.whole_days_between(announced_utc, due.astimezone(UTC)) == 21


# --- days remaining, at the clock changes, at midnight and in the last minute --------


def elapsed(start: datetime, end: datetime) -> timedelta:
    """Real time between two moments (Python subtracts wall times when both carry the
    same zone)."""
    return end.astimezone(UTC) - start.astimezone(UTC)


def test_days_remaining_across_the_spring_clock_change():
    # 29 March 2026, the last Sunday of March: clocks go forward, the day has 23 hours.
    assert deadlines.day_end(date(2026, 3, 28)).utcoffset() == timedelta(hours=1)
    assert deadlines.day_end(date(2026, 3, 29)).utcoffset() == timedelta(hours=2)
    # In the hour after midnight: 46.5 real hours to the end of the 30th, 1 calendar day.
    now = at(2026, 3, 29, 0, 30)
    end = deadlines.day_end(date(2026, 3, 30))
    assert elapsed(now, end) == timedelta(hours=46, minutes=30)
    assert deadlines.days_remaining(end, now) == 1
    end = deadlines.day_end(date(2026, 3, 31))
    assert deadlines.remaining_text(end, now) == "zostały 2 dni"


def test_days_remaining_across_the_autumn_clock_change():
    # 25 October 2026, the last Sunday of October: clocks go back, the day has 25 hours.
    now = at(2026, 10, 25, 0, 30)
    end = deadlines.day_end(date(2026, 10, 26))
    # 48.5 real hours: 24-hour blocks would say 2 days; the calendar says 1 (the 26th).
    assert elapsed(now, end) == timedelta(hours=48, minutes=30)
    assert deadlines.days_remaining(end, now) == 1
    assert deadlines.remaining_text(end, now) == "został 1 dzień"
    assert deadlines.term_text(end, now) == "do 26 października włącznie"


def test_midnight_and_the_last_minute_of_the_last_day():
    end = deadlines.day_end(date(2026, 10, 25))
    assert deadlines.days_remaining(end, at(2026, 10, 25, 0, 0)) == 0
    assert deadlines.remaining_text(end, at(2026, 10, 25, 0, 0)) == "ostatni dzień"
    assert deadlines.remaining_text(end, at(2026, 10, 24, 23, 59, 59)) == "został 1 dzień"
    assert deadlines.remaining_text(end, at(2026, 10, 25, 23, 59, 30)) == "ostatni dzień"
    assert deadlines.days_remaining(end, end) is None
    assert deadlines.remaining_text(end, end) == "termin minął"


def test_remaining_text_agrees_with_the_number():
    end = deadlines.day_end(date(2026, 11, 30))
    assert deadlines.remaining_text(end, at(2026, 11, 27, 12, 0)) == "zostały 3 dni"
    assert deadlines.remaining_text(end, at(2026, 11, 25, 12, 0)) == "zostało 5 dni"
    assert deadlines.remaining_text(end, at(2026, 11, 8, 12, 0)) == "zostały 22 dni"
    # A term ending at an hour says the hour on its last day.
    assert deadlines.remaining_text(at(2026, 11, 30, 15, 0), at(2026, 11, 30, 9, 0)) == (
        "ostatni dzień – do 15:00"
    )


# --- how a term is shown, and the end typed as 23:59 -------------------------------


def test_a_term_given_as_a_day_is_shown_inclusive():
    end = deadlines.day_end(date(2026, 10, 25))
    assert deadlines.term_text(end, at(2026, 10, 1, 12, 0)) == "do 25 października włącznie"
    assert deadlines.term_text(end, at(2025, 10, 1, 12, 0)) == "do 25 października 2026 włącznie"
    assert deadlines.term_text(at(2026, 10, 25, 15, 0)) == "do 25 października 2026, 15:00"


def test_23_59_means_the_end_of_the_day():
    typed = at(2026, 10, 25, 23, 59)
    end = deadlines.end_of_day_if_2359(typed)
    assert end == at(2026, 10, 26, 0, 0)
    assert end.utcoffset() == timedelta(hours=1)  # the day after the clocks went back
    assert deadlines.end_of_day_if_2359(typed.astimezone(UTC)) == end
    assert deadlines.end_of_day_if_2359(at(2026, 10, 25, 15, 0)) == at(2026, 10, 25, 15, 0)
    assert deadlines.end_of_day_if_2359(None) is None


# --- dates as official documents write them ----------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (date(2026, 12, 2), "2 grudnia 2026 r."),
        (date(2027, 3, 1), "1 marca 2027 r."),
        # A moment is taken in Warsaw: 23:30 UTC on 31 May is already 1 June there.
        (datetime(2026, 5, 31, 23, 30, tzinfo=UTC), "1 czerwca 2026 r."),
    ],
)
def test_official_date(value, text):
    assert deadlines.official_date(value) == text


def test_official_date_of_a_term_ending_at_midnight_is_its_last_day():
    assert deadlines.official_date(deadlines.last_day(at(2026, 12, 1))) == "30 listopada 2026 r."
