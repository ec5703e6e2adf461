"""The sign-up on the shared pipeline (core.public_forms): a sign-up is stored once and
the confirmation link is sent to the address; nothing else until it is confirmed."""

from django.conf import settings
from django.urls import reverse

from alerts.forms import SignUpForm
from core.absolute_urls import absolute_url
from core.public_forms import Notice, PublicForm

CONFIRMATION_TEXT = """Dzień dobry,

ktoś (zapewne Ty) zapisał ten adres na powiadomienia e-mail portalu wydziału.
Aby je dostawać, potwierdź zapis (link jest ważny {hours} godzin i działa raz):

{link}

Jeśli to nie Ty, nic nie rób: bez potwierdzenia nic więcej nie wyślemy, a adres
usuniemy po 7 dniach.
"""


class SignUpDesk:
    """What the sign-up form is sent to: the alerts service itself, no page or record."""


DESK = SignUpDesk()


def confirmation_hours() -> int:
    return int(getattr(settings, "ALERTS_CONFIRMATION_HOURS", 48))


class AlertSignUps(PublicForm):
    kind = "alert-signup"
    target_model = SignUpDesk
    form_class = SignUpForm
    not_stored = "Twoja prośba o powiadomienia nie została zapisana."

    def limited_values(self, form):
        # Per address too: nobody can flood one mailbox with confirmation links.
        return [("alert-signup-address", form.cleaned_data["email"])]

    def build(self, form, target):
        signup = form.build_instance()
        # Kept on the instance for notices() only: the database holds its digest.
        signup.raw_token = signup.issue_token(confirmation_hours())
        return signup

    def notices(self, request, target, submission):
        link = absolute_url(reverse("alerts:confirm", args=[submission.raw_token]))
        body = CONFIRMATION_TEXT.format(hours=confirmation_hours(), link=link)
        return [
            Notice(to=(submission.email,), subject="Potwierdź zapis na powiadomienia", body=body)
        ]
