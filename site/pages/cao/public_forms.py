"""The CAO's public forms, on the shared pipeline (core.public_forms): asking for an
appointment with an advisor, and registering for an event."""

from core.public_forms import NO_FORM, NOT_ACCEPTING, PublicForm, Refusal, Refused
from pages.cao.choices import Registration
from pages.cao.forms import BookingForm, EventRegistrationForm
from pages.cao.models import AdvisoryServicePage, EventPage
from pages.cao.registration import RegistrationRefused, register


class Bookings(PublicForm):
    kind = "cao-booking"
    target_model = AdvisoryServicePage
    form_class = BookingForm
    not_stored = "Prośba o konsultację nie została zapisana."
    notice_what = "prośba o konsultację w CAO"
    team_mailbox = "ngo_team_email"
    admin_view = "cao_bookings:edit"

    def refusal(self, target, now):
        if not target.booking_enabled:
            return Refusal(NO_FORM, "Na tę usługę nie umawiamy się przez formularz.")
        return None

    def build(self, form, target):
        return form.build_instance(service=target, service_title=target.title)

    def person_in_charge_email(self, target):
        """The service's own address, else its advisor's."""
        return target.notification_email or (target.advisor.email if target.advisor else "")


class EventRegistrations(PublicForm):
    kind = "event-registration"
    target_model = EventPage
    form_class = EventRegistrationForm
    not_stored = "Zgłoszenie na wydarzenie nie zostało zapisane."
    notice_what = "zapis na wydarzenie"
    team_mailbox = "ngo_team_email"
    admin_view = "cao_registrations:edit"

    def person_in_charge_email(self, target):
        return target.contact_person.email if target.contact_person else ""

    def wants_staff_notice(self, submission):
        # Places are counted on the page; staff need a word only when there is something
        # to prepare (an interpreter, a ramp, a diet).
        return bool(submission.needs)

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
