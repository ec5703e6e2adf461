"""Staff screens for verification: a decision on a project (formal, merit, results) and
on an appeal, each with its public justification (pages.budget.verification)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from wagtail.admin.auth import user_passes_test

from pages.budget import verification
from pages.budget.models import Appeal, BudgetProject, Status

DECIDE_PERMISSION = "budget.change_budgetproject"


class DecisionForm(forms.Form):
    status = forms.ChoiceField(label="Nowy status")
    justification = forms.CharField(
        label="Uzasadnienie (jawne, pokazywane przy projekcie)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, Status(value).label) for value in verification.allowed_next(project.status)
        ]


class AppealDecisionForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label="Rozstrzygnięcie",
        choices=[("1", "Uwzględnić odwołanie"), ("0", "Nie uwzględnić odwołania")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    justification = forms.CharField(
        label="Uzasadnienie (jawne)", widget=forms.Textarea(attrs={"rows": 6})
    )


def _check(user):
    if not user.has_perm(DECIDE_PERMISSION):
        raise PermissionDenied


@user_passes_test(lambda user: user.is_authenticated)
def decide_project(request, pk):
    _check(request.user)
    project = get_object_or_404(BudgetProject.objects.select_related("edition", "pool"), pk=pk)
    form = DecisionForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            verification.decide(
                project,
                form.cleaned_data["status"],
                form.cleaned_data["justification"],
                request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Zapisano decyzję: {project.get_status_display()}.")
            return redirect("budget_decide_project", project.pk)
    return render(
        request,
        "budget/admin/decide_project.html",
        {
            "project": project,
            "form": form,
            "history": project.history.all(),
            "appeals": project.appeals.all(),
            "opinions": project.opinions.select_related("unit"),
            "public_files": project.public_files.all(),
        },
    )


@user_passes_test(lambda user: user.is_authenticated)
def decide_appeal(request, pk):
    _check(request.user)
    appeal = get_object_or_404(Appeal.objects.select_related("project"), pk=pk)
    form = AppealDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            verification.decide_appeal(
                appeal,
                form.cleaned_data["upheld"],
                form.cleaned_data["justification"],
                request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Zapisano rozstrzygnięcie odwołania.")
            return redirect("budget_decide_project", appeal.project_id)
    return render(request, "budget/admin/decide_appeal.html", {"appeal": appeal, "form": form})
