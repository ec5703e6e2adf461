"""Candidates' applications to councils' recruitments, on the shared pipeline
(core.public_forms). The form is a route of the council's page (`nabor/<id>/`)."""

from core.public_forms import NO_FORM, NOT_ACCEPTING, PublicForm, Refusal
from pages.councils.forms import CouncilApplicationForm
from pages.councils.models import Recruitment
from pages.councils.state import RECRUITMENT

APPLICATION_KIND = "council-application"


class CouncilApplications(PublicForm):
    kind = APPLICATION_KIND
    target_model = Recruitment
    form_class = CouncilApplicationForm
    not_stored = "Twoje zgłoszenie nie zostało zapisane."
    notice_what = "zgłoszenie kandydata do rady"
    # The department organises the councils: without the body's own e-mail the NGO
    # team's mailbox is told.
    team_mailbox = "ngo_team_email"
    admin_view = "council_applications:inspect"

    def make_form(self, target, data=None, files=None):
        if data is None:
            return self.form_class(recruitment=target)
        return self.form_class(data, files, recruitment=target)

    def refusal(self, target, now):
        if not target.takes_applications:
            return Refusal(NO_FORM, "Ten nabór nie przyjmuje zgłoszeń przez portal.")
        state = target.state_at(now)
        if state == RECRUITMENT.PLANNED:
            return Refusal(NOT_ACCEPTING, "Nabór jeszcze się nie rozpoczął.")
        if state == RECRUITMENT.CLOSED:
            return Refusal(NOT_ACCEPTING, "Nabór się zakończył – zgłoszeń już nie przyjmujemy.")
        return None

    def person_in_charge_email(self, target) -> str:
        return target.council.email or ""

    def build(self, form, target):
        return form.build_instance(recruitment=target)
