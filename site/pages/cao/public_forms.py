"""The CAO's public forms, on the shared pipeline (core.public_forms): asking for an
appointment with an advisor, and registering for an event."""

from django.urls import reverse

from core.absolute_urls import absolute_url
from core.public_forms import NO_FORM, NOT_ACCEPTING, Notice, PublicForm, Refusal, Refused
from pages.cao.choices import Registration
from pages.cao.forms import BookingForm, EventRegistrationForm
from pages.cao.models import AdvisoryServicePage, EventPage
from pages.cao.registration import RegistrationRefused, register


class Bookings(PublicForm):
    kind = "cao-booking"
    target_model = AdvisoryServicePage
    form_class = BookingForm
    not_stored = "Prośba o konsultację nie została zapisana."

    def refusal(self, target, now):
        if not target.booking_enabled:
            return Refusal(NO_FORM, "Na tę usługę nie umawiamy się przez formularz.")
        return None

    def build(self, form, target):
        return form.build_instance(service=target, service_title=target.title)

    def notices(self, request, target, submission):
        """The advisor hears a request is waiting; the message carries no personal data."""
        recipient = target.notification_email or (target.advisor.email if target.advisor else "")
        if not recipient:
            return []
        link = absolute_url(reverse("cao_bookings:edit", args=[submission.pk]))
        return [
            Notice(
                to=(recipient,),
                subject=f"Nowa prośba o konsultację {submission.receipt_number}",
                body=(
                    f"W portalu wpłynęła prośba o konsultację: {target.title}.\n"
                    f"Numer: {submission.receipt_number}\n\n"
                    f"Szczegóły (po zalogowaniu): {link}\n"
                ),
            )
        ]


class EventRegistrations(PublicForm):
    kind = "event-registration"
    target_model = EventPage
    form_class = EventRegistrationForm
    not_stored = "Zgłoszenie na wydarzenie nie zostało zapisane."

    def refusal(self, target, now):
        if target.registration == Registration.NONE:
            return Refusal(NO_FORM, "Na to wydarzenie nie prowadzimy zapisów.")
        status = target.status
        return None if status.accepts else Refusal(NOT_ACCEPTING, status.message)

    def store(self, form, target):
        """Under the event's row lock (pages.cao.registration), so no place is given twice."""
        try:
            return register(target.pk, form.build_instance())
        except RegistrationRefused as refused:
            raise Refused(Refusal(NOT_ACCEPTING, refused.message, refused.field)) from refused
        finally:
            # The page shows the places as the lock found them, not as first read.
            target.__dict__.pop("status", None)
