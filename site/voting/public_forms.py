"""The online ballot on the shared pipeline (core.public_forms). Its target is a `Booth`
(an edition and the voter's osiedle pool), not the edition page, which already takes the
project submissions' form."""

from django.db import transaction
from django.urls import reverse

from core.public_forms import Notice, PublicForm
from voting.ballots import store_ballot
from voting.booth import Booth, voting_refusal
from voting.forms import BallotForm
from voting.sms import send_confirmation_sms, sms_sender


def confirmation_link(request, key: str) -> str:
    return request.build_absolute_uri(reverse("voting_confirm", args=[key]))


class Ballots(PublicForm):
    kind = "budget-ballot"
    target_model = Booth
    form_class = BallotForm
    not_stored = "Twój głos nie został zapisany."

    def make_form(self, target, data=None, files=None):
        if data is None:
            return BallotForm(booth=target)
        return BallotForm(data, booth=target)

    def refusal(self, target, now):
        return voting_refusal(target.edition, now)

    def store(self, form, target):
        return store_ballot(form, target)

    def limited_values(self, form):
        # Links sent to one address: nobody floods a stranger's mailbox with ballots.
        return [("budget-ballot-address", form.cleaned_data["email"].lower())]

    def notices(self, request, target, submission):
        hours = target.rules.confirmation_hours
        link = confirmation_link(request, submission.key)
        body = (
            f"Otrzymaliśmy Twój głos w głosowaniu „{target.title}”.\n"
            f"Numer karty: {submission.receipt_number}\n\n"
            f"Głos liczy się dopiero po potwierdzeniu. W ciągu {hours} godz. otwórz ten link "
            f"i kliknij „Potwierdzam mój głos”:\n{link}\n\n"
            f"Albo wpisz numer karty i ten kod: {submission.code}\n"
            f"na stronie {request.build_absolute_uri(reverse('voting_confirm_code'))}\n"
            "(kod i link działają raz).\n\n"
            "Jeśli to nie Ty głosowałeś(-aś), zignoruj tę wiadomość – bez potwierdzenia głos "
            "nie zostanie policzony.\n"
            "Numerem karty sprawdzisz później na stronie głosowania, czy Twój głos został "
            "policzony (bez ujawniania, na co głosowałeś(-aś)).\n"
        )
        if submission.phone and sms_sender() is not None:
            text = f"Potwierdz glos w budzecie obywatelskim: {link}"
            phone = submission.phone
            # After the commit, as the e-mails are: nobody is sent a link to a rolled-back vote.
            transaction.on_commit(lambda: send_confirmation_sms.enqueue(phone, text))
        return [Notice((submission.email,), "Potwierdź swój głos w budżecie obywatelskim", body)]
