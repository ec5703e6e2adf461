"""A resident's project submission, on the shared pipeline (core.public_forms).

Stored with its cost lines, supporters and files in one transaction (nothing half-stored);
the receipt asks the author to open the link e-mailed to them, which confirms the project
(until then it is not public, and it expires) and stays their private link for edits.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from core.public_forms import NO_FORM, NOT_ACCEPTING, Notice, PublicForm, Refusal
from pages.budget.forms import ProjectSubmissionForm
from pages.budget.models import (
    BudgetEditionPage,
    CostLine,
    ProjectAttachment,
    Stage,
    StatusChange,
    Supporter,
)
from pages.budget.phases import EDITION

NOT_ONLINE = "W tej edycji projekty zgłasza się w urzędzie – sprawdź regulamin."


def _when(value) -> str:
    return date_format(timezone.localtime(value), "j E Y, H:i")


def phase_refusal(edition, now) -> Refusal | None:
    """Why EDITION takes no new project at NOW (None during the submission phase)."""
    phase = edition.get_phase(now)
    if phase == EDITION.SUBMISSION:
        return None
    if phase in (EDITION.ANNOUNCED, EDITION.IDEAS):
        reason = f"Zgłaszanie projektów rozpocznie się {_when(edition.submission_from)}."
    else:
        reason = f"Zgłaszanie projektów zakończyło się {_when(edition.formal_from)}."
    return Refusal(NOT_ACCEPTING, reason)


def private_link(request, key: str) -> str:
    return request.build_absolute_uri(reverse("budget_private_project", args=[key]))


class ProjectSubmissions(PublicForm):
    kind = "budget-project"
    target_model = BudgetEditionPage
    form_class = ProjectSubmissionForm
    not_stored = "Twój projekt nie został zapisany."

    def make_form(self, target, data=None, files=None):
        if data is None:
            return ProjectSubmissionForm(edition=target)
        return ProjectSubmissionForm(data, files, edition=target)

    def refusal(self, target, now):
        if not target.accepts_online_submissions:
            return Refusal(NO_FORM, NOT_ONLINE)
        return phase_refusal(target, now)

    def store(self, form, target):
        pool = form.cleaned_data["pool"]
        project = form.build_instance(
            edition=target,
            district=pool.district,
            supporters_count=len(form.cleaned_supporters),
        )
        key = project.new_private_key()
        with transaction.atomic():
            project, created = project.save_once()
            if not created:
                return project, False
            project.private_key = key  # for the e-mail only; the database keeps the hash
            CostLine.objects.bulk_create(
                CostLine(project=project, description=d, amount=a, sort_order=n)
                for n, (d, a) in enumerate(form.cleaned_cost_lines)
            )
            Supporter.objects.bulk_create(
                Supporter(project=project, full_name=name, address=address, signed_on=signed)
                for name, address, signed in form.cleaned_supporters
            )
            for field, kind in (
                ("attachment", ProjectAttachment.Kind.DOCUMENT),
                ("support_list_scan", ProjectAttachment.Kind.SUPPORT_LIST),
            ):
                if uploaded := form.cleaned_data.get(field):
                    ProjectAttachment.objects.create(
                        project=project, kind=kind, file=uploaded, original_name=uploaded.name[:255]
                    )
            StatusChange.objects.create(
                project=project,
                status=project.status,
                stage=Stage.SUBMISSION,
                at=project.submitted_at,
            )
        return project, True

    def notices(self, request, target, submission):
        hours = target.draft_confirmation_hours
        body = (
            f"Dziękujemy za zgłoszenie projektu do edycji „{target.title}”.\n"
            f"Numer zgłoszenia: {submission.receipt_number}\n\n"
            f"Aby potwierdzić zgłoszenie, otwórz w ciągu {hours} godzin ten link i kliknij "
            f"„Potwierdzam zgłoszenie”:\n{private_link(request, submission.private_key)}\n\n"
            "Zgłoszenie niepotwierdzone w tym czasie zostanie usunięte. Ten sam link służy "
            "do poprawiania projektu do końca zgłaszania, do uzupełnienia braków i do "
            "odwołania. Nie przekazuj go innym.\n"
        )
        return [Notice((submission.author_email,), "Potwierdź zgłoszenie projektu", body)]
