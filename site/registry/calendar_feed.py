"""The deadlines of published grant calls as an iCalendar feed (RFC 5545)."""

from datetime import timedelta

from django.http import HttpResponse
from django.utils import timezone

from icalendar import Calendar, Event

from snippets.call_state import CALL
from snippets.models import GrantCall

# A deadline is an instant; calendars show it as a short event ending at the deadline.
EVENT_LENGTH = timedelta(minutes=30)
# Old deadlines are of no use in a calendar; a year back keeps the feed small.
HISTORY = timedelta(days=365)


def deadline_calendar(calls, *, name: str, detail_url, host: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Wydzial Organizacji Pozarzadowych UM Dabrowa Gornicza//konkursy//PL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Warsaw")
    now = timezone.now()
    for call in calls:
        event = Event()
        event.add("uid", f"konkurs-{call.pk}-termin-ofert@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", call.offers_due_at - EVENT_LENGTH)
        event.add("dtend", call.offers_due_at)
        event.add("summary", f"Termin składania ofert: {call.title}")
        url = detail_url(call)
        event.add("url", url)
        event.add(
            "description",
            f"{call.get_procedure_display()}. Zadanie: {call.task}.\n"
            f"Oferty do {timezone.localtime(call.offers_due_at):%d.%m.%Y, %H:%M}.\n{url}",
        )
        if call.last_published_at:
            event.add("last-modified", call.last_published_at)
        if call.state_at(now) == CALL.CANCELLED:
            event.add("status", "CANCELLED")
        else:
            event.add("status", "CONFIRMED")
        calendar.add_component(event)
    return calendar


def calendar_calls():
    since = timezone.now() - HISTORY
    return (
        GrantCall.objects.published()
        .filter(offers_due_at__gte=since)
        .order_by("offers_due_at", "pk")
    )


def calendar_response(calendar: Calendar) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="konkursy.ics"'
    return response
