"""The comment form of a consultation, on the shared pipeline (core.public_forms)."""

from django.utils import timezone
from django.utils.formats import date_format

from core import deadlines
from core.public_forms import NO_FORM, NOT_ACCEPTING, PublicForm, Refusal
from pages.consultations.comments import store_response
from pages.consultations.forms import ConsultationResponseForm
from pages.consultations.models import Channel, ConsultationPage
from pages.consultations.state import CONSULTATION

REASONS = {
    CONSULTATION.PLANNED: "Konsultacja jeszcze się nie rozpoczęła – uwagi można "
    "zgłaszać od {opens}.",
    CONSULTATION.CLOSED: "Termin zgłaszania uwag minął ({closes}) – uwag nie można już zgłaszać.",
    CONSULTATION.CONCLUDED: "Termin zgłaszania uwag minął ({closes}) – uwag nie można już "
    "zgłaszać.",
    CONSULTATION.CANCELLED: "Konsultacja została odwołana – uwag nie zbieramy.",
}
NOT_ONLINE = (
    "W tej konsultacji uwag nie zbieramy przez formularz – sprawdź na stronie, jak je przekazać."
)


def _when(value) -> str:
    return date_format(timezone.localtime(value), "j E Y, H:i")


class ConsultationComments(PublicForm):
    kind = "consultation-comment"
    target_model = ConsultationPage
    form_class = ConsultationResponseForm
    not_stored = "Twoja uwaga nie została zapisana."
    notice_what = "uwaga w konsultacji społecznej"
    team_mailbox = "consultations_team_email"
    admin_view = "consultation_responses:inspect"

    def person_in_charge_email(self, target):
        return target.contact_person.email if target.contact_person else ""

    def refusal(self, target, now):
        if not target.accepts_online_comments:
            return Refusal(NO_FORM, NOT_ONLINE)
        state = target.get_state(now)
        if state != CONSULTATION.OPEN:
            reason = REASONS[state].format(
                opens=_when(target.opens_at), closes=deadlines.term_text(target.closes_at, now)
            )
            return Refusal(NOT_ACCEPTING, reason)
        return None

    def make_form(self, target, data=None, files=None):
        if data is None:
            return self.form_class(consultation=target)
        return self.form_class(data, files, consultation=target)

    def store(self, form, target):
        # The response and its comments (the analysis' rows) are stored together or not.
        return store_response(self.build(form, target))

    def build(self, form, target):
        return form.build_instance(consultation=target, channel=Channel.ONLINE)
