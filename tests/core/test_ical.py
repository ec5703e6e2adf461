"""core.ical: the one way calendar files are written (feeds of each app are tested there)."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.test import override_settings

import icalendar
import pytest

from core.ical import PRODID, CalendarEvent, build_calendar, calendar_response, uid

WARSAW = ZoneInfo("Europe/Warsaw")
SITE = Path(__file__).resolve().parents[2] / "site"


def parse(calendar) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(calendar.to_ical())


def only_event(calendar):
    (event,) = parse(calendar).walk("VEVENT")
    return event


def test_calendar_header_names_the_portal_and_warsaw():
    calendar = parse(build_calendar("Konsultacje", []))
    assert str(calendar["PRODID"]) == PRODID
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Konsultacje"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Warsaw"
    assert calendar.walk("VEVENT") == []


def test_timed_event_is_written_in_utc_with_a_stable_stamp():
    start = datetime(2026, 3, 29, 1, 30, tzinfo=WARSAW)  # the night the clocks go forward
    published = datetime(2026, 3, 1, 12, 0, 7, 123456, tzinfo=WARSAW)
    item = CalendarEvent(
        uid="x-1@example.org",
        summary="Spotkanie",
        start=start,
        end=start + timedelta(hours=2),
        updated_at=published,
        location="CAO",
        categories=("Konsultacje",),
    )
    event = only_event(build_calendar("K", [item]))
    assert event["DTSTART"].dt == start and event["DTSTART"].dt.utcoffset() == timedelta(0)
    assert event["DTEND"].dt == start + timedelta(hours=2)
    assert event["DTSTAMP"].dt == published.replace(microsecond=0)
    assert event["LAST-MODIFIED"].dt == published.replace(microsecond=0)
    assert str(event["STATUS"]) == "CONFIRMED"
    # The same content gives the same file (a cache or a client can rely on it).
    assert build_calendar("K", [item]).to_ical() == build_calendar("K", [item]).to_ical()


def test_naive_times_are_warsaw_time():
    event = only_event(
        build_calendar("K", [CalendarEvent("n@x", "Zebranie", datetime(2026, 7, 1, 18, 0))])
    )
    assert event["DTSTART"].dt == datetime(2026, 7, 1, 16, 0, tzinfo=UTC)
    assert "DTEND" not in event


def test_all_day_events_are_dates_with_the_day_after_as_end():
    one_day = CalendarEvent("d1@x", "Dzień", start=date(2028, 2, 29))
    three_days = CalendarEvent("d3@x", "Trzy dni", start=date(2026, 10, 24), end=date(2026, 10, 26))
    cancelled = CalendarEvent("c@x", "Odwołane", start=date(2026, 1, 2), cancelled=True)
    events = {
        str(event["UID"]): event
        for event in parse(build_calendar("K", [one_day, three_days, cancelled])).walk("VEVENT")
    }
    assert events["d1@x"]["DTSTART"].dt == date(2028, 2, 29)
    assert events["d1@x"]["DTEND"].dt == date(2028, 3, 1)
    assert events["d3@x"]["DTEND"].dt == date(2026, 10, 27)
    assert str(events["c@x"]["STATUS"]) == "CANCELLED"
    assert "VALUE=DATE" in build_calendar("K", [one_day]).to_ical().decode()


@override_settings(WAGTAILADMIN_BASE_URL="https://ngo.dabrowa-gornicza.pl:8443/")
def test_uid_is_on_the_configured_public_host():
    assert uid("konsultacja", 12) == "konsultacja-12@ngo.dabrowa-gornicza.pl"
    assert (
        uid("konsultacja", 12, "spotkanie", 3)
        == "konsultacja-12-spotkanie-3@ngo.dabrowa-gornicza.pl"
    )


def test_response_is_a_calendar_file():
    response = calendar_response("K", [], filename="wydarzenia.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="wydarzenia.ics"'


@pytest.mark.parametrize("needle", ["prodid", "from icalendar import"])
def test_no_other_module_writes_icalendar(needle):
    writers = [
        path.relative_to(SITE).as_posix()
        for path in SITE.rglob("*.py")
        if needle in path.read_text(encoding="utf-8").lower()
    ]
    assert writers == ["core/ical.py"]
