"""iCalendar (RFC 5545) files of CAO events, for calendar applications to subscribe to."""

from datetime import UTC

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from wagtail.models import Site

from icalendar import Calendar, Event

PRODID = "-//Urząd Miejski w Dąbrowie Górniczej//Portal organizacji pozarządowych//PL"


def _utc(moment):
    # UTC needs no VTIMEZONE block and every client converts it to local time.
    return moment.astimezone(UTC)


def event_component(event, request, hostname: str) -> Event:
    component = Event()
    component.add("uid", f"wydarzenie-{event.pk}@{hostname}")
    component.add("dtstamp", _utc(event.last_published_at or timezone.now()))
    component.add("dtstart", _utc(event.starts_at))
    if event.ends_at:
        component.add("dtend", _utc(event.ends_at))
    component.add("summary", event.title)
    location = ", ".join(part for part in (event.place, event.address) if part)
    if location:
        component.add("location", location)
    url = event.get_full_url(request)
    description = "\n\n".join(part for part in (event.summary, url) if part)
    if description:
        component.add("description", description)
    if url:
        component.add("url", url)
    component.add("categories", [event.get_kind_display()])
    component.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    if event.last_published_at:
        component.add("last-modified", _utc(event.last_published_at))
    return component


def build_calendar(request, events, name: str) -> Calendar:
    site = Site.find_for_request(request)
    hostname = site.hostname if site else request.get_host().split(":")[0]
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Warsaw")
    for event in events:
        calendar.add_component(event_component(event, request, hostname))
    return calendar


def calendar_response(request, events, name: str, filename: str) -> HttpResponse:
    body = build_calendar(request, events, name).to_ical()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response
