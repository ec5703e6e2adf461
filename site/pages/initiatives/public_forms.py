"""An application, on the shared pipeline (core.public_forms).

Stored with its members and file in one transaction (nothing half-stored); the receipt
asks the leader to open the link e-mailed to them, which confirms the application (until
then it is not in the register) and stays their private link for corrections.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from core.public_forms import NO_FORM, NOT_ACCEPTING, Notice, PublicForm, Refusal
from pages.initiatives.choices import Stage
from pages.initiatives.contribution import zl
from pages.initiatives.forms import ApplicationForm
from pages.initiatives.models import Attachment, GroupMember, InitiativeRulesPage, StatusChange
from pages.initiatives.state import RULES

NOT_ONLINE = "W tym roku wnioski składa się w urzędzie – sprawdź zasady."


def _when(value) -> str:
    return date_format(timezone.localtime(value), "j E Y, H:i")


def window_refusal(rules, now) -> Refusal | None:
    """Why RULES take no application at NOW (None while a window is open)."""
    state = RULES.state_of(rules, now)
    if state == RULES.OPEN:
        return None
    ahead = sorted(w.opens_at for w in rules.windows.all() if w.opens_at > now)
    if ahead:
        reason = f"Nabór wniosków rozpocznie się {_when(ahead[0])}."
    elif rules.windows.exists():
        last = max(w.closes_at for w in rules.windows.all())
        reason = f"Nabór wniosków zakończył się {_when(last)}."
    else:
        reason = "Terminy naboru nie zostały jeszcze ogłoszone."
    return Refusal(NOT_ACCEPTING, reason)


def private_link(request, key: str) -> str:
    return request.build_absolute_uri(reverse("initiative_private", args=[key]))


class Applications(PublicForm):
    kind = "initiative-application"
    target_model = InitiativeRulesPage
    form_class = ApplicationForm
    not_stored = "Twój wniosek nie został zapisany."
    notice_what = "wniosek o inicjatywę lokalną"
    team_mailbox = "ngo_team_email"
    admin_view = "initiative_applications:inspect"

    def make_form(self, target, data=None, files=None):
        if data is None:
            return ApplicationForm(rules=target)
        return ApplicationForm(data, files, rules=target)

    def refusal(self, target, now):
        if not target.online_applications:
            return Refusal(NO_FORM, NOT_ONLINE)
        return window_refusal(target, now)

    def store(self, form, target):
        budget = form.budget
        initiative = form.build_instance(
            rules=target,
            city_amount=budget.city_amount,
            work_hours=budget.work_hours,
            work_rate=budget.work_rate,
            in_kind_value=budget.in_kind_value,
            cash_contribution=budget.cash_contribution,
        )
        key = initiative.new_private_key()
        with transaction.atomic():
            initiative, created = initiative.save_once()
            if not created:
                return initiative, False
            initiative.private_key = key  # for the e-mail only; the database keeps the hash
            GroupMember.objects.bulk_create(
                GroupMember(initiative=initiative, full_name=name, address=address)
                for name, address in form.cleaned_members
            )
            if uploaded := form.cleaned_data.get("attachment"):
                Attachment.objects.create(
                    initiative=initiative, file=uploaded, original_name=uploaded.name[:255]
                )
            StatusChange.objects.create(
                initiative=initiative,
                status=initiative.status,
                stage=Stage.SUBMISSION,
                at=initiative.submitted_at,
            )
        return initiative, True

    def notices(self, request, target, submission):
        body = (
            f"Dziękujemy za wniosek „{submission.title}” ({target.title}).\n"
            f"Numer wniosku: {submission.receipt_number}\n"
            f"Wnioskowany wkład miasta: {zl(submission.city_amount)}; wkład własny: "
            f"{zl(submission.own_contribution)} ({submission.contribution_percent} % kosztu).\n\n"
            f"Aby potwierdzić wniosek, w ciągu {target.confirmation_hours} godz. otwórz ten "
            "link i kliknij „Potwierdzam wniosek” (niepotwierdzony wniosek usuniemy):\n"
            f"{private_link(request, submission.private_key)}\n\n"
            "Dopiero potwierdzony wniosek trafi do oceny i do rejestru wniosków. Ten sam link "
            "służy do poprawiania wniosku przed oceną formalną i do uzupełnienia braków, gdy "
            "o to poprosimy. Nie przekazuj go innym.\n"
        )
        # The staff notice as every form sends it (receipt number and admin link only);
        # the leader's e-mail is this one, with the private link, instead of the receipt.
        staff = super().notices(request, target, submission)
        return [
            Notice((submission.leader_email,), "Potwierdź wniosek o inicjatywę lokalną", body),
            *staff,
        ]
