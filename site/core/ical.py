"""iCalendar (RFC 5545) files: the one way every calendar feed of the site is written.

An app turns its items into `CalendarEvent`s and answers with `calendar_response()`:
one PRODID, UIDs on the configured public address (`WAGTAILADMIN_BASE_URL`, so they do
not change with the host a feed was fetched from), DTSTAMP and LAST-MODIFIED from when the
item was last published (the same file for the same content, so it caches), timed events
in UTC (no VTIMEZONE block needed, every client converts to local time), all-day events as
Warsaw calendar dates, and the calendar marked Europe/Warsaw for clients that show it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from icalendar import Calendar, Event

PRODID = "-//Urząd Miejski w Dąbrowie Górniczej//Portal organizacji pozarządowych//PL"
TIME_ZONE = "Europe/Warsaw"
CONTENT_TYPE = "text/calendar; charset=utf-8"


@dataclass
class CalendarEvent:
    """One VEVENT. START and END are aware datetimes (a timed event) or dates (an all-day
    event; END is then the last day, inclusive). A timed event without END is a moment."""

    uid: str
    summary: str
    start: datetime | date
    end: datetime | date | None = None
    updated_at: datetime | None = None  # when its item was last published
    url: str = ""
    description: str = ""
    location: str = ""
    categories: tuple[str, ...] = ()
    cancelled: bool = False


def uid(*parts) -> str:
    """A UID that stays the same for the same item whatever address the feed is read at:
    the PARTS joined with '-', at the host of the site's configured public address
    (e.g. 'konsultacja-12@ngo.dabrowa-gornicza.pl')."""
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return "-".join(str(part) for part in parts) + "@" + host


def _moment(value: datetime) -> datetime:
    if timezone.is_naive(value):
        value = timezone.make_aware(value)  # a naive value is the site's (Warsaw) time
    return value.astimezone(UTC).replace(microsecond=0)


def _component(item: CalendarEvent, now: datetime) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", _moment(item.updated_at or now))
    if isinstance(item.start, datetime):
        event.add("dtstart", _moment(item.start))
        if item.end is not None:
            event.add("dtend", _moment(item.end))
    else:
        # All-day: DTEND is the day after the last one (RFC 5545, 3.6.1).
        last_day = item.end or item.start
        event.add("dtstart", item.start)
        event.add("dtend", last_day + timedelta(days=1))
    event.add("summary", item.summary)
    if item.location:
        event.add("location", item.location)
    if item.description:
        event.add("description", item.description)
    if item.url:
        event.add("url", item.url)
    if item.categories:
        event.add("categories", list(item.categories))
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    if item.updated_at:
        event.add("last-modified", _moment(item.updated_at))
    return event


def build_calendar(name: str, events: Iterable[CalendarEvent]) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIME_ZONE)
    now = timezone.now()
    for item in events:
        calendar.add_component(_component(item, now))
    return calendar


def calendar_response(name: str, events: Iterable[CalendarEvent], filename: str) -> HttpResponse:
    """The calendar NAME of EVENTS as a file a calendar application subscribes to."""
    response = HttpResponse(build_calendar(name, events).to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response
