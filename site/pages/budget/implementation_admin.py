"""The admin screens of projects' realisation: one record per selected project (status,
progress, cost spent) and the dated updates staff write and publish. A project marked
done becomes „zrealizowany” with a public history entry."""

from django.utils import timezone

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from core.form_inputs import PolishDecimalField
from pages.budget.models import (
    BudgetProject,
    Implementation,
    ImplementationUpdate,
    Progress,
    Stage,
    Status,
    StatusChange,
)
from pages.budget.models.implementation import FOLLOWED


def _followed_projects():
    return (
        BudgetProject.objects.public()
        .filter(status__in=FOLLOWED)
        .select_related("edition")
        .order_by("-edition__year", "title")
    )


class ImplementationForm(WagtailAdminModelForm):
    class Meta:
        model = Implementation
        fields = ["project", "progress_status", "percent", "cost_spent", "reason"]
        # Staff type amounts the Polish way: "11 500,50".
        field_classes = {"cost_spent": PolishDecimalField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = _followed_projects()


class UpdateForm(WagtailAdminModelForm):
    class Meta:
        model = ImplementationUpdate
        fields = ["project", "at", "title", "text", "photo", "photo_alt", "document", "published"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = _followed_projects()


def mark_done(implementation, user) -> None:
    """A realisation marked done makes its project „zrealizowany” (once), in its history."""
    project = implementation.project
    if implementation.progress_status != Progress.DONE or project.status != Status.SELECTED:
        return
    project.status = Status.IMPLEMENTED
    project.save(update_fields=["status"])
    StatusChange.objects.create(
        project=project,
        status=Status.IMPLEMENTED,
        stage=Stage.IMPLEMENTATION,
        at=timezone.now(),
        justification="Projekt zrealizowany.",
        decided_by=user,
    )


class ImplementationCreateView(CreateView):
    def save_instance(self):
        instance = super().save_instance()
        mark_done(instance, self.request.user)
        return instance


class ImplementationEditView(EditView):
    def save_instance(self):
        instance = super().save_instance()
        mark_done(instance, self.request.user)
        return instance


class ImplementationViewSet(ModelViewSet):
    model = Implementation
    icon = "site"
    menu_label = "Realizacja projektów"
    name = "budget_implementation"
    add_view_class = ImplementationCreateView
    edit_view_class = ImplementationEditView
    copy_view_enabled = False
    search_fields = ["project__title"]
    search_backend_name = None
    list_display = [
        Column("project", label="Projekt", accessor="project.title"),
        "progress_status",
        "percent",
        "cost_spent",
        DateColumn("updated_at", label="Zmieniono"),
    ]

    def get_form_class(self, for_update=False):
        return ImplementationForm

    def get_queryset(self, request):
        return Implementation.objects.select_related("project")


class ImplementationUpdateViewSet(ModelViewSet):
    model = ImplementationUpdate
    icon = "date"
    menu_label = "Aktualności z realizacji"
    name = "budget_implementation_updates"
    copy_view_enabled = False
    search_fields = ["title", "project__title"]
    search_backend_name = None
    list_display = [
        "title",
        Column("project", label="Projekt", accessor="project.title"),
        DateColumn("at", label="Data"),
        BooleanColumn("published", label="Opublikowana"),
    ]

    def get_form_class(self, for_update=False):
        return UpdateForm

    def get_queryset(self, request):
        return ImplementationUpdate.objects.select_related("project")
