"""CAO events as calendar events (written by `core.ical`): the feed of all events and each
event's own file."""

from core.ical import CalendarEvent, uid
from core.ical import calendar_response as ical_response


def event_item(event, request) -> CalendarEvent:
    url = event.get_full_url(request) or ""
    return CalendarEvent(
        uid=uid("wydarzenie", event.pk),
        summary=event.title,
        start=event.starts_at,
        end=event.ends_at,
        updated_at=event.last_published_at,
        url=url,
        description="\n\n".join(part for part in (event.summary, url) if part),
        location=", ".join(part for part in (event.place, event.address) if part),
        categories=(event.get_kind_display(),),
        cancelled=event.is_cancelled,
    )


def calendar_response(request, events, name: str, filename: str):
    return ical_response(name, (event_item(event, request) for event in events), filename)
