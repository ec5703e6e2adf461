"""The staff's side of residents' ideas: moderation (publish, set aside, shorten the text
so nothing personal is published), a public answer (e-mailed to the resident when they
gave an address) and turning an idea into a draft project."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from wagtail.admin.auth import user_passes_test
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

import django_filters

from core.audit import AuditedDetailMixin, AuditedIndexMixin
from pages.budget.models import (
    BudgetEditionPage,
    BudgetIdea,
    BudgetPool,
    BudgetProject,
    IdeaKind,
    Moderation,
    Stage,
    StatusChange,
)

TO_PROJECT_PERMISSION = "budget.add_budgetproject"


class IdeaFilterSet(WagtailFilterSet):
    edition = django_filters.ModelChoiceFilter(
        label="Edycja", queryset=BudgetEditionPage.objects.order_by("-year")
    )

    class Meta:
        model = BudgetIdea
        fields = ["edition", "kind", "moderation"]


class IdeaModerationForm(WagtailAdminModelForm):
    class Meta:
        model = BudgetIdea
        fields = ["moderation", "title", "description", "category", "district", "reply"]

    def clean(self):
        cleaned = super().clean()
        publishing = cleaned.get("moderation") == Moderation.PUBLISHED
        if self.instance.kind == IdeaKind.IDEA and publishing and not cleaned.get("title"):
            self.add_error("title", "Opublikowany pomysł musi mieć tytuł.")
        return cleaned


class IdeaEditView(AuditedDetailMixin, EditView):
    """Moderation and the answer. A new answer is dated and e-mailed to the resident."""

    def save_instance(self):
        answered = "reply" in self.form.changed_data and self.form.cleaned_data["reply"].strip()
        idea = self.form.save(commit=False)
        if answered:
            idea.answer(self.form.cleaned_data["reply"])
        idea.save()
        if answered and idea.email:
            body = (
                f"Urząd odpowiedział na Twój pomysł ({idea.receipt_number}) do edycji "
                f"„{idea.edition.title}”:\n\n{idea.reply}\n"
            )
            transaction.on_commit(
                lambda: send_mail(
                    subject=f"Odpowiedź na pomysł {idea.receipt_number}",
                    message=body,
                    from_email=None,
                    recipient_list=[idea.email],
                )
            )
        return idea


class IdeaIndexView(AuditedIndexMixin, IndexView):
    pass


class IdeaInspectView(AuditedDetailMixin, InspectView):
    pass


def to_project_link(idea) -> str:
    if idea.kind != IdeaKind.IDEA:
        return ""
    if idea.project_id:
        return format_html(
            '<a href="{}">Projekt</a>', reverse("budget_projects:edit", args=[idea.project_id])
        )
    return format_html(
        '<a href="{}">Utwórz projekt</a>', reverse("budget_idea_to_project", args=[idea.pk])
    )


class BudgetIdeaViewSet(ModelViewSet):
    model = BudgetIdea
    icon = "comment"
    menu_label = "Pomysły i priorytety"
    name = "budget_ideas"
    index_view_class = IdeaIndexView
    edit_view_class = IdeaEditView
    inspect_view_class = IdeaInspectView
    inspect_view_enabled = True
    add_view_enabled = False
    copy_view_enabled = False
    filterset_class = IdeaFilterSet
    list_per_page = 50
    search_fields = ["title", "receipt_number"]
    search_backend_name = None
    list_display = [
        Column("name", label="Pomysł", accessor=str),
        "receipt_number",
        "kind",
        "moderation",
        DateColumn("submitted_at", label="Wysłano", sort_key="submitted_at"),
        Column("project", label="Projekt", accessor=to_project_link),
    ]
    inspect_view_fields = [
        "receipt_number",
        "edition",
        "kind",
        "category",
        "district",
        "title",
        "description",
        "email",
        "moderation",
        "reply",
        "replied_at",
        "project",
        "submitted_at",
        "personal_data_removed_at",
    ]

    def get_queryset(self, request):
        return BudgetIdea.objects.select_related("edition")

    def get_form_class(self, for_update=False):
        return IdeaModerationForm


class ToProjectForm(forms.Form):
    pool = forms.ModelChoiceField(label="Pula projektu", queryset=BudgetPool.objects.none())

    def __init__(self, *args, idea, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pool"].queryset = idea.edition.pools.all()


def make_draft_project(idea, pool, user) -> BudgetProject:
    """A hidden project entered by staff from IDEA: the staff complete it (costs,
    justification, author if any) in the project's form and show it by unticking
    "Ukryty". The idea's e-mail is not copied: the resident is not made its author."""
    with transaction.atomic():
        project = BudgetProject(
            edition=idea.edition,
            pool=pool,
            title=idea.title or idea.get_category_display(),
            category=idea.category,
            district=pool.district or idea.district,
            description=idea.description,
            justification="",
            beneficiaries="",
            entered_by_staff=True,
            confirmed_at=timezone.now(),
            hidden=True,
        )
        project.save()
        StatusChange.objects.create(
            project=project,
            status=project.status,
            stage=Stage.SUBMISSION,
            justification="Projekt przygotowany przez urząd na podstawie pomysłu mieszkańca.",
            decided_by=user,
        )
        idea.project = project
        idea.save(update_fields=["project"])
    return project


@user_passes_test(lambda user: user.is_authenticated)
def idea_to_project(request, pk):
    if not request.user.has_perm(TO_PROJECT_PERMISSION):
        raise PermissionDenied
    idea = get_object_or_404(BudgetIdea.objects.select_related("edition"), pk=pk)
    if idea.kind != IdeaKind.IDEA:
        raise PermissionDenied
    form = ToProjectForm(request.POST or None, idea=idea)
    if idea.project_id is None and request.method == "POST" and form.is_valid():
        project = make_draft_project(idea, form.cleaned_data["pool"], request.user)
        messages.success(
            request, "Utworzono ukryty projekt. Uzupełnij go i odznacz „Ukryty na stronie”."
        )
        return redirect("budget_projects:edit", project.pk)
    return render(request, "budget/admin/idea_to_project.html", {"idea": idea, "form": form})
