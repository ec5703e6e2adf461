"""The admin list of applications (Inicjatywa lokalna → Wnioski): residents' data, so
the list and inspect are recorded in the personal-data access record (core.audit)."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton

import django_filters

from core.audit import AuditedDetailMixin, AuditedIndexMixin
from pages.initiatives.choices import Status
from pages.initiatives.models import Initiative, InitiativeRulesPage


def assess_link(initiative) -> str:
    return format_html(
        '<a href="{}">Oceń / zdecyduj</a>', reverse("initiative_assess", args=[initiative.pk])
    )


class InitiativeFilterSet(WagtailFilterSet):
    rules = django_filters.ModelChoiceFilter(
        label="Rok", queryset=InitiativeRulesPage.objects.order_by("-year")
    )
    status = django_filters.ChoiceFilter(label="Status", choices=Status.choices)

    class Meta:
        model = Initiative
        fields = ["rules", "status", "entered_by_staff", "hidden"]


class InitiativeInspectView(AuditedDetailMixin, InspectView):
    pass


class InitiativeIndexView(AuditedIndexMixin, IndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm("initiatives.change_initiative"):
            buttons.append(
                HeaderButton(
                    "Wpisz wniosek papierowy",
                    reverse("initiative_paper_application"),
                    icon_name="plus",
                )
            )
        return buttons


class InitiativeViewSet(ModelViewSet):
    model = Initiative
    icon = "group"
    menu_label = "Wnioski"
    name = "initiative_applications"
    index_view_class = InitiativeIndexView
    inspect_view_class = InitiativeInspectView
    inspect_view_enabled = True
    add_view_enabled = False
    copy_view_enabled = False
    list_per_page = 50
    filterset_class = InitiativeFilterSet
    search_fields = ["title", "receipt_number"]
    search_backend_name = None
    list_display = [
        "title",
        "receipt_number",
        Column("rules", label="Rok", accessor="rules.year"),
        "status",
        DateColumn("submitted_at", label="Złożono", sort_key="submitted_at"),
        Column("assess", label="Ocena", accessor=assess_link),
    ]
    form_fields = ["title", "place", "district", "group_name", "hidden"]
    inspect_view_fields = [
        "receipt_number",
        "rules",
        "title",
        "area",
        "district",
        "place",
        "description",
        "schedule",
        "effects",
        "beneficiaries",
        "cost_description",
        "applicant_kind",
        "group_name",
        "ngo",
        "leader_name",
        "leader_email",
        "leader_phone",
        "leader_address",
        "city_amount",
        "work_hours",
        "work_rate",
        "in_kind_value",
        "in_kind_description",
        "cash_contribution",
        "status",
        "correction_due_at",
        "granted_amount",
        "submitted_at",
        "confirmed_at",
        "entered_by_staff",
        "personal_data_removed_at",
    ]

    def get_queryset(self, request):
        return Initiative.objects.select_related("rules", "area", "ngo", "district")


class InitiativeViewSetGroup(ModelViewSetGroup):
    menu_label = "Inicjatywa lokalna"
    menu_icon = "group"
    menu_order = 265
    items = (InitiativeViewSet,)
