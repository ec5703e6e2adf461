"""The deadlines of published grant calls as calendar events (written by `core.ical`)."""

from collections.abc import Iterator
from datetime import timedelta

from django.utils import timezone

from core import deadlines
from core.ical import CalendarEvent, uid
from snippets.call_state import CALL
from snippets.models import GrantCall

# A deadline is an instant; calendars show it as a short event ending at the deadline.
EVENT_LENGTH = timedelta(minutes=30)
# Old deadlines are of no use in a calendar; a year back keeps the feed small.
HISTORY = timedelta(days=365)


def calendar_calls():
    since = timezone.now() - HISTORY
    return (
        GrantCall.objects.published()
        .filter(offers_due_at__gte=since)
        .order_by("offers_due_at", "pk")
    )


def deadline_events(calls, detail_url) -> Iterator[CalendarEvent]:
    now = timezone.now()
    for call in calls:
        url = detail_url(call)
        yield CalendarEvent(
            uid=uid("konkurs", call.pk, "termin-ofert"),
            summary=f"Termin składania ofert: {call.title}",
            start=call.offers_due_at - EVENT_LENGTH,
            end=call.offers_due_at,
            updated_at=call.last_published_at,
            url=url,
            description=(
                f"{call.get_procedure_display()}. Zadanie: {call.task}.\n"
                # Without "now": the same call gives the same file, whatever the year.
                f"Oferty {deadlines.term_text(call.offers_due_at)}.\n{url}"
            ),
            cancelled=call.state_at(now) == CALL.CANCELLED,
        )
