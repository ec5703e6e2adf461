"""The author's private link (/budzet/moj-projekt/<key>/): confirm the submission, edit
the project while that is allowed, send corrections and appeals.

The key is the only credential, so the page is never cached or referred onwards, and
guessing is rate-limited per address.
"""

from django.db import transaction
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone

from core.ratelimit import is_rate_limited
from core.secret_links import secret_link_response
from pages.budget import verification
from pages.budget.drafts import confirmation_deadline, is_expired
from pages.budget.forms import AppealForm, ProjectEditForm
from pages.budget.models import BudgetProject, CostLine, Stage, Status, StatusChange

TEMPLATE = "budget/private_project.html"


def private_project(request, key: str):
    if is_rate_limited(request, "budget-private-link"):
        response = TemplateResponse(request, "budget/private_limited.html", status=429)
        return secret_link_response(response)
    project = BudgetProject.by_private_key(key)
    if project is None:
        raise Http404
    now = timezone.now()
    if is_expired(project, now):
        return secret_link_response(
            TemplateResponse(request, "budget/private_expired.html", status=410)
        )

    message, status = "", 200
    edit_form = appeal_form = None
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "confirm" and project.confirmed_at is None:
        project.confirmed_at = now
        project.save(update_fields=["confirmed_at"])
        message = "Dziękujemy – zgłoszenie jest potwierdzone i widać je na liście projektów."
    elif action == "edit":
        if not verification.can_edit(project, now):
            message, status = "Projektu nie można już poprawiać – zmiany nie zostały zapisane.", 409
        else:
            edit_form = ProjectEditForm(request.POST, instance=project)
            if edit_form.is_valid():
                _save_edit(edit_form, project, now)
                edit_form, message = None, "Zmiany zostały zapisane."
            else:
                status = 400
    elif action == "appeal":
        if not verification.can_appeal(project, now):
            message, status = "Odwołania nie można teraz złożyć – nie zostało zapisane.", 409
        else:
            appeal_form = AppealForm(request.POST)
            if appeal_form.is_valid():
                verification.file_appeal(project, appeal_form.cleaned_data["text"], now)
                appeal_form, message = (
                    None,
                    "Odwołanie zostało zapisane. Rozstrzygnięcie opublikujemy przy projekcie.",
                )
            else:
                status = 400

    can_edit = verification.can_edit(project, now)
    can_appeal = verification.can_appeal(project, now)
    context = {
        "project": project,
        "message": message,
        "confirmation_deadline": confirmation_deadline(project),
        "edit_form": edit_form or (ProjectEditForm(instance=project) if can_edit else None),
        "appeal_form": appeal_form or (AppealForm() if can_appeal else None),
        "history": list(project.history.all()),
        "appeals": list(project.appeals.all()),
        "cost_lines": list(project.cost_lines.all()),
    }
    return secret_link_response(TemplateResponse(request, TEMPLATE, context, status=status))


def _save_edit(form, project, now) -> None:
    with transaction.atomic():
        form.save()
        project.cost_lines.all().delete()
        CostLine.objects.bulk_create(
            CostLine(project=project, description=d, amount=a, sort_order=n)
            for n, (d, a) in enumerate(form.cleaned_cost_lines)
        )
        if project.status == Status.TO_CORRECT:
            verification.record_author_edit(project, now)
        else:
            StatusChange.objects.create(
                project=project,
                status=project.status,
                stage=Stage.SUBMISSION,
                at=now,
                justification="Autor poprawił projekt.",
            )
