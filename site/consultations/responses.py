"""What happens when the comment form of a consultation is sent."""

from django.template.response import TemplateResponse
from django.utils import timezone

from consultations.forms import ConsultationResponseForm
from consultations.state import CONSULTATION
from core.ratelimit import is_rate_limited

# Per client address: generous for a family or an office behind one address, tight
# enough to stop a script.
RATE_LIMIT = 10
RATE_PERIOD = 60 * 60

REFUSALS = {
    CONSULTATION.PLANNED: "Konsultacja jeszcze się nie rozpoczęła – uwagi można "
    "zgłaszać od {opens}. Twoja uwaga nie została zapisana.",
    CONSULTATION.CLOSED: "Konsultacja zakończyła się {closes} – uwag nie można już "
    "zgłaszać. Twoja uwaga nie została zapisana.",
    CONSULTATION.CONCLUDED: "Konsultacja zakończyła się {closes} – uwag nie można już "
    "zgłaszać. Twoja uwaga nie została zapisana.",
    CONSULTATION.CANCELLED: "Konsultacja została odwołana – uwag nie zbieramy. "
    "Twoja uwaga nie została zapisana.",
}
NOT_ONLINE = (
    "W tej konsultacji uwag nie zbieramy przez formularz – sprawdź na stronie, jak je "
    "przekazać. Twoja uwaga nie została zapisana."
)
RATE_LIMITED = (
    "Wysłano zbyt wiele formularzy z tego adresu. Spróbuj ponownie za godzinę albo "
    "przekaż uwagę inną drogą opisaną na stronie. Twoja uwaga nie została zapisana."
)


def _when(value) -> str:
    from django.utils.formats import date_format

    return date_format(timezone.localtime(value), "j E Y, H:i")


def refusal_message(page, state) -> str | None:
    """Why PAGE takes no comments now, or None when it does."""
    if state != CONSULTATION.OPEN:
        return REFUSALS[state].format(opens=_when(page.opens_at), closes=_when(page.closes_at))
    if not page.accepts_online_comments:
        return NOT_ONLINE
    return None


def handle_response_post(page, request):
    """Store a valid comment once and show its receipt; refuse it, with nothing stored,
    when the consultation takes no comments, the sender is over the limit or the form
    is invalid (then with the errors and what was typed)."""
    now = timezone.now()
    state = page.get_state(now)
    template = page.get_template(request)

    refusal = refusal_message(page, state)
    if refusal:
        context = page.get_context(request, refusal=refusal)
        return TemplateResponse(request, template, context, status=409)

    if is_rate_limited(request, "consultation-response", RATE_LIMIT, RATE_PERIOD):
        form = ConsultationResponseForm(request.POST)
        context = page.get_context(request, form=form, refusal=RATE_LIMITED)
        return TemplateResponse(request, template, context, status=429)

    form = ConsultationResponseForm(request.POST)
    if not form.is_valid():
        context = page.get_context(request, form=form)
        return TemplateResponse(request, template, context, status=400)

    submission, _created = form.build_instance(consultation=page).save_once()
    context = page.get_context(request, form=None, receipt=submission)
    return TemplateResponse(request, template, context, status=200)
