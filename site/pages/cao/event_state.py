"""The lifecycle of an event's registration (core.lifecycle): whether it takes one now.

The state depends on the clock (the deadline, the start) and on the places taken; the
database twin counts the taken places itself (`prepare`). Moments compare as everywhere:
registration is over at the very moment of its deadline, and at the start.
"""

from datetime import datetime

from django.db.models import Count, F, Q

from core.lifecycle import Lifecycle, State, register
from pages.cao.choices import Registration

_TAKEN = "lifecycle_taken"


class EventRegistrationLifecycle(Lifecycle):
    name = "event"
    model = "cao.EventPage"
    # The end matters to lists of upcoming events, which drop an event once it is over.
    moment_fields = ("starts_at", "ends_at", "registration_deadline")

    OPEN = State("open", "zapisy-otwarte", "Zapisy otwarte", rank=0)
    FULL = State("full", "brak-miejsc", "Brak wolnych miejsc", rank=1)
    CLOSED = State("closed", "zapisy-zamkniete", "Zapisy zamknięte", rank=2)
    NONE = State("none", "bez-zapisow", "Bez zapisów", rank=3)

    def published(self, model):
        return model.objects.live()

    def closed_reason(self, event, now: datetime) -> str | None:
        """Why registration is closed whatever the places ("cancelled", "closed",
        "deadline", "started"), or None."""
        if event.is_cancelled:
            return "cancelled"
        if event.registration == Registration.CLOSED or not event.live:
            return "closed"
        if event.registration_deadline is not None and now >= event.registration_deadline:
            return "deadline"
        if now >= event.starts_at:
            return "started"
        return None

    def state_of(self, event, now: datetime, taken: int | None = None) -> State:
        if event.registration == Registration.NONE:
            return self.NONE
        if self.closed_reason(event, now):
            return self.CLOSED
        if event.places is None:
            return self.OPEN
        taken = event.taken_places() if taken is None else taken
        return self.OPEN if taken < event.places else self.FULL

    def prepare(self, queryset):
        return queryset.annotate(
            **{_TAKEN: Count("registrations", filter=Q(registrations__is_cancelled=False))}
        )

    def q(self, state, now: datetime) -> Q:
        state = self.get(str(state))
        none = Q(registration=Registration.NONE)
        closed = (
            Q(is_cancelled=True)
            | Q(registration=Registration.CLOSED)
            | Q(live=False)
            | Q(registration_deadline__lte=now)
            | Q(starts_at__lte=now)
        )
        if state == self.NONE:
            return none
        if state == self.CLOSED:
            return ~none & closed
        full = Q(places__isnull=False, places__lte=F(_TAKEN))
        if state == self.FULL:
            return ~none & ~closed & full
        return ~none & ~closed & ~full


EVENT = register(EventRegistrationLifecycle)
