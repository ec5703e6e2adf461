"""The admin screens of the budget: projects (with paper submissions entered by staff),
pools, appeals; the group joins those of ideas (idea_admin) and of merit review and
public files (review_viewsets)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import CreateView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

import django_filters

from core.audit import AuditedDetailMixin, AuditedIndexMixin
from pages.budget.consensus_admin import PoolConsensusViewSet
from pages.budget.idea_admin import BudgetIdeaViewSet
from pages.budget.implementation_admin import ImplementationUpdateViewSet, ImplementationViewSet
from pages.budget.models import (
    Appeal,
    BudgetEditionPage,
    BudgetPool,
    BudgetProject,
    Stage,
    Status,
    StatusChange,
)
from pages.budget.review_viewsets import (
    CityUnitViewSet,
    MeritOpinionViewSet,
    ProjectPublicFileViewSet,
)


def decision_link(project) -> str:
    return format_html(
        '<a href="{}">Oceń / zmień status</a>', reverse("budget_decide_project", args=[project.pk])
    )


def appeal_link(appeal) -> str:
    return format_html(
        '<a href="{}">Rozstrzygnij</a>', reverse("budget_decide_appeal", args=[appeal.pk])
    )


class ProjectFilterSet(WagtailFilterSet):
    edition = django_filters.ModelChoiceFilter(
        label="Edycja", queryset=BudgetEditionPage.objects.order_by("-year")
    )
    status = django_filters.ChoiceFilter(label="Status", choices=Status.choices)

    class Meta:
        model = BudgetProject
        fields = ["edition", "pool", "status", "hidden"]


class PaperProjectCreateView(CreateView):
    """A paper submission typed in by staff: confirmed at once (the author signed it)."""

    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.entered_by_staff = True
        instance.confirmed_at = timezone.now()
        instance.save()
        self.form.save_m2m()
        StatusChange.objects.create(
            project=instance,
            status=instance.status,
            stage=Stage.SUBMISSION,
            justification="Zgłoszenie papierowe.",
            decided_by=self.request.user,
        )
        return instance


class ProjectInspectView(AuditedDetailMixin, InspectView):
    pass


class ProjectIndexView(AuditedIndexMixin, IndexView):
    """The list names no author, but it is the submissions team's list of residents'
    submissions, recorded like every other (core.audit)."""


class BudgetProjectViewSet(ModelViewSet):
    model = BudgetProject
    icon = "tasks"
    menu_label = "Projekty"
    name = "budget_projects"
    add_view_class = PaperProjectCreateView
    index_view_class = ProjectIndexView
    inspect_view_class = ProjectInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    filterset_class = ProjectFilterSet
    search_fields = ["title", "receipt_number"]
    search_backend_name = None
    list_display = [
        "title",
        "receipt_number",
        Column("pool", label="Pula", accessor="pool.name"),
        "status",
        DateColumn("submitted_at", label="Zgłoszono", sort_key="submitted_at"),
        Column("decision", label="Ocena", accessor=decision_link),
    ]
    form_fields = [
        "edition",
        "pool",
        "title",
        "category",
        "district",
        "address",
        "latitude",
        "longitude",
        "description",
        "justification",
        "beneficiaries",
        "supporters_count",
        "author_name",
        "author_email",
        "author_phone",
        "author_named",
        "city_cost_estimate",
        "hidden",
    ]
    inspect_view_fields = [
        "receipt_number",
        "edition",
        "pool",
        "title",
        "status",
        "submitted_at",
        "confirmed_at",
        "entered_by_staff",
        "author_name",
        "author_email",
        "author_phone",
        "author_named",
        "supporters_count",
        "correction_due_at",
        "personal_data_removed_at",
    ]

    def get_queryset(self, request):
        return BudgetProject.objects.select_related("pool", "edition")


class BudgetPoolViewSet(ModelViewSet):
    model = BudgetPool
    icon = "table"
    menu_label = "Pule"
    name = "budget_pools"
    list_display = ["name", "edition", "scope", "amount", "max_project_cost"]
    form_fields = [
        "edition",
        "scope",
        "district",
        "name",
        "slug",
        "amount",
        "max_project_cost",
        "sort_order",
    ]


class AppealViewSet(ModelViewSet):
    model = Appeal
    icon = "warning"
    menu_label = "Odwołania"
    name = "budget_appeals"
    list_display = [
        Column("project", label="Projekt", accessor="project.title"),
        "against_status",
        "outcome",
        DateColumn("submitted_at", label="Wysłano"),
        Column("decide", label="Rozstrzygnięcie", accessor=appeal_link),
    ]
    form_fields = ["text"]
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_urlpatterns(self):
        kept = {"index", "index_results", "inspect"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in kept]


class BudgetViewSetGroup(ModelViewSetGroup):
    menu_label = "Budżet obywatelski"
    menu_icon = "tasks"
    menu_order = 260
    items = (
        BudgetProjectViewSet,
        BudgetIdeaViewSet,
        MeritOpinionViewSet,
        ProjectPublicFileViewSet,
        AppealViewSet,
        BudgetPoolViewSet,
        PoolConsensusViewSet,
        ImplementationViewSet,
        ImplementationUpdateViewSet,
        CityUnitViewSet,
    )
