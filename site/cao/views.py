"""The POST side of CAO pages: bookings and event registrations, answered on the page."""

from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import reverse

from cao.choices import Registration
from cao.forms import BookingForm, EventRegistrationForm
from cao.models import AdvisoryServicePage, EventPage
from cao.registration import RegistrationRefused, register
from core.absolute_urls import absolute_url
from core.ratelimit import is_rate_limited

# A person books one or two consultations; ten an hour from one address is a machine.
FORM_LIMIT = 10
FORM_PERIOD = 3600
RATE_LIMITED = (
    "Z tego adresu wysłano w ostatniej godzinie zbyt wiele formularzy. Spróbuj ponownie "
    "za godzinę albo skontaktuj się z nami telefonicznie lub e-mailem."
)


def render_page(page, request, status: int = 200, **extra):
    context = page.get_context(request)
    context.update(extra)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def handle_booking(page: AdvisoryServicePage, request):
    if not page.booking_enabled:
        return HttpResponseNotAllowed(["GET", "HEAD"])
    form = BookingForm(request.POST)
    if is_rate_limited(request, "cao-booking", FORM_LIMIT, FORM_PERIOD):
        return render_page(page, request, 429, booking_form=form, form_message=RATE_LIMITED)
    if not form.is_valid():
        return render_page(page, request, 400, booking_form=form)
    booking, created = form.build_instance(service=page, service_title=page.title).save_once()
    if created:
        transaction.on_commit(lambda: notify_booking(request, page, booking))
    return render_page(page, request, booking_form=None, booking=booking)


def notify_booking(request, page: AdvisoryServicePage, booking) -> None:
    """Tell the advisor a request is waiting; the message carries no personal data."""
    recipient = page.notification_email or (page.advisor.email if page.advisor else "")
    if not recipient:
        return
    link = absolute_url(reverse("cao_bookings:edit", args=[booking.pk]))
    send_mail(
        subject=f"Nowa prośba o konsultację {booking.receipt_number}",
        message=(
            f"W portalu wpłynęła prośba o konsultację: {page.title}.\n"
            f"Numer: {booking.receipt_number}\n\n"
            f"Szczegóły (po zalogowaniu): {link}\n"
        ),
        from_email=None,
        recipient_list=[recipient],
        fail_silently=True,
    )


def handle_registration(event: EventPage, request):
    if event.registration == Registration.NONE:
        return HttpResponseNotAllowed(["GET", "HEAD"])
    form = EventRegistrationForm(request.POST)
    if is_rate_limited(request, "cao-registration", FORM_LIMIT, FORM_PERIOD):
        return render_page(event, request, 429, registration_form=form, form_message=RATE_LIMITED)
    if not form.is_valid():
        return render_page(event, request, 400, registration_form=form)
    try:
        registration, _created = register(event.pk, form.build_instance())
    except RegistrationRefused as refusal:
        if refusal.field:
            form.add_error(refusal.field, refusal.message)
            return render_page(event, request, 400, registration_form=form)
        # The page shows the state the refusal found (full, closed), not what was cached.
        event.__dict__.pop("status", None)
        return render_page(event, request, 409, registration_form=None, refusal=refusal.message)
    event.__dict__.pop("status", None)
    return render_page(event, request, registration_form=None, registration=registration)
