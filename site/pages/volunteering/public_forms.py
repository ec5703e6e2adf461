"""Answers to volunteering offers, on the shared pipeline (core.public_forms)."""

from core.public_forms import NOT_ACCEPTING, PublicForm, Refusal
from pages.volunteering.forms import VolunteerAnswerForm
from pages.volunteering.models import VolunteerOffer
from pages.volunteering.state import OFFER


class VolunteerAnswers(PublicForm):
    kind = "volunteer-answer"
    target_model = VolunteerOffer
    form_class = VolunteerAnswerForm
    not_stored = "Twoje zgłoszenie nie zostało zapisane."
    notice_what = "zgłoszenie do oferty wolontariatu"
    # The organisation reads answers in the NGO zone; without an e-mail of its own the
    # NGO team is told and passes it on, reading the answer in the admin (staff are no
    # partners of the organisation: the zone's link would refuse them).
    team_mailbox = "ngo_team_email"
    admin_view = "volunteering_ngo:answer"
    team_admin_view = "volunteer_answers:inspect"

    def admin_view_for(self, target) -> str:
        return self.admin_view if self.person_in_charge_email(target) else self.team_admin_view

    def make_form(self, target, data=None, files=None):
        if data is None:
            return self.form_class(offer=target)
        return self.form_class(data, files, offer=target)

    def refusal(self, target, now):
        if target.state_at(now) == OFFER.OPEN:
            return None
        return Refusal(NOT_ACCEPTING, "Ta oferta wygasła – zgłoszeń już nie przyjmujemy.")

    def person_in_charge_email(self, target) -> str:
        return target.ngo.email or ""

    def build(self, form, target):
        return form.build_instance(offer=target)
