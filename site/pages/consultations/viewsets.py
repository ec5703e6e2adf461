"""The editors' screen of consultation responses: read-only, filterable, exportable."""

from django.utils.text import Truncator

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect

import django_filters

from core.admin_views import ReadOnlyViewSetMixin, export_preprocess
from core.audit import AuditedDetailMixin, AuditedIndexMixin
from core.spreadsheets import SafeSpreadsheetExportMixin
from pages.consultations.models import ConsultationPage, ConsultationResponse

DATETIME_COLUMNS = ("submitted_at", "personal_data_removed_at")


def comment_excerpt(response) -> str:
    return Truncator(response.comment).chars(120)


class ConsultationResponseFilterSet(WagtailFilterSet):
    consultation = django_filters.ModelChoiceFilter(
        label="Konsultacja",
        queryset=ConsultationPage.objects.order_by("-closes_at"),
    )
    submitted_at = django_filters.DateFromToRangeFilter(
        label="Data wysłania", widget=DateRangePickerWidget
    )
    has_email = django_filters.BooleanFilter(
        label="Podano e-mail", method="filter_has_email", widget=BooleanRadioSelect
    )
    personal_data_removed = django_filters.BooleanFilter(
        label="Dane osobowe usunięte",
        field_name="personal_data_removed_at",
        lookup_expr="isnull",
        exclude=True,
        widget=BooleanRadioSelect,
    )

    class Meta:
        model = ConsultationResponse
        fields = ["consultation", "submitted_at"]

    def filter_has_email(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(email="") if value else queryset.filter(email="")


class ConsultationResponseIndexView(AuditedIndexMixin, SafeSpreadsheetExportMixin, IndexView):
    custom_field_preprocess = export_preprocess(DATETIME_COLUMNS)

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("consultation")


class ConsultationResponseInspectView(AuditedDetailMixin, InspectView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("consultation")


class ConsultationResponseViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = ConsultationResponse
    icon = "comment"
    menu_label = "Uwagi z konsultacji"
    menu_order = 250
    add_to_admin_menu = True
    name = "consultation_responses"
    index_view_class = ConsultationResponseIndexView
    inspect_view_class = ConsultationResponseInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    ordering = ["-submitted_at"]
    list_display = [
        "receipt_number",
        Column(
            "consultation",
            label="Konsultacja",
            accessor="consultation.title",
            sort_key="consultation__title",
        ),
        Column("comment", label="Uwaga", accessor=comment_excerpt),
        "author_name",
        BooleanColumn("has_email", label="E-mail"),
        DateColumn("submitted_at", label="Data wysłania", sort_key="submitted_at"),
    ]
    filterset_class = ConsultationResponseFilterSet
    search_fields = ["comment", "document_part", "author_name", "receipt_number"]
    search_backend_name = None  # plain database lookups; responses are not in the index
    list_export = [
        "receipt_number",
        "consultation.title",
        "submitted_at",
        "comment",
        "document_part",
        "author_name",
        "email",
        "personal_data_removed_at",
    ]
    export_headings = {
        "receipt_number": "Numer potwierdzenia",
        "consultation.title": "Konsultacja",
        "submitted_at": "Data wysłania",
        "comment": "Uwaga",
        "document_part": "Część dokumentu",
        "author_name": "Imię i nazwisko lub organizacja",
        "email": "E-mail",
        "personal_data_removed_at": "Dane osobowe usunięto",
    }
    export_filename = "uwagi-z-konsultacji"
    inspect_view_fields = [
        "receipt_number",
        "consultation",
        "submitted_at",
        "comment",
        "document_part",
        "author_name",
        "email",
        "personal_data_removed_at",
    ]
