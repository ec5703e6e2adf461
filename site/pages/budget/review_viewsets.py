"""The admin screens of merit review and public files: the city's units (a list the
editors keep), the opinions per unit (awaiting or given), and the public documents and
images shown on a project's page."""

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

import django_filters

from pages.budget import review
from pages.budget.models import (
    BudgetEditionPage,
    CityUnit,
    MeritOpinion,
    ProjectPublicFile,
)


class CityUnitViewSet(ModelViewSet):
    model = CityUnit
    icon = "group"
    menu_label = "Jednostki miasta"
    name = "budget_units"
    list_display = ["name", "email", BooleanColumn("active", label="Przyjmuje projekty")]
    form_fields = ["name", "email", "active", "sort_order"]
    copy_view_enabled = False


class OpinionFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(label="Jednostka", queryset=CityUnit.objects.all())
    awaiting = django_filters.BooleanFilter(
        label="Czeka na opinię", field_name="given_at", lookup_expr="isnull"
    )
    edition = django_filters.ModelChoiceFilter(
        label="Edycja",
        field_name="project__edition",
        queryset=BudgetEditionPage.objects.order_by("-year"),
    )

    class Meta:
        model = MeritOpinion
        fields = ["unit", "awaiting", "edition"]


class OpinionCreateView(CreateView):
    """Routing a project to a unit: who routed it is recorded, the unit is told."""

    def get_initial(self):
        initial = super().get_initial()
        if project := self.request.GET.get("project", "").strip():
            initial["project"] = project
        return initial

    def save_instance(self):
        opinion = self.form.save(commit=False)
        opinion.requested_by = self.request.user
        opinion.save()
        review.notify_unit(self.request, opinion)
        return opinion


def opinion_state(opinion) -> str:
    if opinion.is_given:
        return f"wydana: {opinion.get_feasibility_display()}"
    return "czeka na opinię"


class MeritOpinionViewSet(ModelViewSet):
    model = MeritOpinion
    icon = "doc-full"
    menu_label = "Opinie jednostek"
    name = "budget_opinions"
    add_view_class = OpinionCreateView
    filterset_class = OpinionFilterSet
    copy_view_enabled = False
    list_per_page = 50
    search_fields = ["project__title", "project__receipt_number"]
    search_backend_name = None
    list_display = [
        Column("project", label="Projekt", accessor="project.title"),
        Column("unit", label="Jednostka", accessor="unit.name"),
        DateColumn("requested_at", label="Skierowano", sort_key="requested_at"),
        Column("state", label="Stan", accessor=opinion_state),
    ]

    def get_queryset(self, request):
        return MeritOpinion.objects.select_related("project", "unit")

    def get_form_class(self, for_update=False):
        return review.OpinionForm if for_update else review.OpinionRequestForm


def file_kind(item) -> str:
    return "obraz" if item.image_id else "dokument"


class PublicFileCreateView(CreateView):
    def get_initial(self):
        initial = super().get_initial()
        if project := self.request.GET.get("project", "").strip():
            initial["project"] = project
        return initial


class ProjectPublicFileViewSet(ModelViewSet):
    model = ProjectPublicFile
    icon = "image"
    menu_label = "Pliki publiczne projektów"
    name = "budget_public_files"
    add_view_class = PublicFileCreateView
    copy_view_enabled = False
    search_fields = ["caption", "project__title"]
    search_backend_name = None
    list_display = [
        "caption",
        Column("project", label="Projekt", accessor="project.title"),
        Column("kind", label="Rodzaj", accessor=file_kind),
    ]
    form_fields = ["project", "document", "image", "caption", "sort_order"]

    def get_queryset(self, request):
        return ProjectPublicFile.objects.select_related("project")
