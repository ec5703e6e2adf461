"""Taking a place at an event without ever giving away more places than there are.

The event's row is locked (SELECT … FOR UPDATE) for the short transaction that counts the
places taken and stores the registration, so concurrent requests for the last place are
served one after another and only the first gets it. On SQLite, which has no row locks,
the database's single writer gives the same guarantee (the second writer fails rather
than over-books).
"""

from datetime import datetime

from django.db import transaction

from pages.cao.models import EventPage, EventRegistration

DUPLICATE_EMAIL = (
    "Na to wydarzenie jest już zapis z tym adresem e-mail. Jeśli zapisujesz kolejną osobę, "
    "podaj jej własny adres e-mail albo tylko numer telefonu."
)
EVENT_GONE = "To wydarzenie nie jest już dostępne – zapisy są zamknięte."


class RegistrationRefused(Exception):
    """Why a registration was not taken; FIELD names the form field at fault, if one is."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def register(
    event_id: int, registration: EventRegistration, now: datetime | None = None
) -> tuple[EventRegistration, bool]:
    """Store REGISTRATION for the event if it still takes one.

    Returns (the stored registration, whether it was created now); a repeated form
    returns the first registration. Raises RegistrationRefused when registration is
    closed, the places are gone, or the e-mail is already registered.
    """
    with transaction.atomic():
        event = (
            EventPage.objects.select_for_update(of=("self",)).filter(pk=event_id, live=True).first()
        )
        if event is None:
            raise RegistrationRefused(EVENT_GONE)
        existing = EventRegistration.objects.filter(form_token=registration.form_token).first()
        if existing is not None:
            return existing, False
        active = event.registrations.filter(is_cancelled=False)
        status = event.registration_status(taken=active.count(), now=now)
        if not status.accepts:
            raise RegistrationRefused(status.message)
        if registration.email and active.filter(email__iexact=registration.email).exists():
            raise RegistrationRefused(DUPLICATE_EMAIL, field="email")
        registration.event = event
        registration.event_title = event.title
        return registration.save_once()
