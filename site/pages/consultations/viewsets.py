"""The editors' screen of consultation responses: read-only, filterable, exportable."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import Truncator

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import BooleanRadioSelect, HeaderButton

import django_filters

from core.admin_views import ReadOnlyViewSetMixin, export_preprocess
from core.audit import AuditedDetailMixin, AuditedIndexMixin
from core.spreadsheets import SafeSpreadsheetExportMixin
from pages.consultations.admin_views import INBOX_PERMISSION, paper_questionnaire_url
from pages.consultations.analysis_viewsets import CommentGroupViewSet, ConsultationCommentViewSet
from pages.consultations.choices import PRIVATE_PERSON, Channel
from pages.consultations.models import ConsultationPage, ConsultationResponse

DATETIME_COLUMNS = ("submitted_at", "personal_data_removed_at")


def comment_excerpt(response) -> str:
    return Truncator(response.comment or response.answers_text).chars(120)


def duplicate_link(response) -> str:
    label = f"duplikat {response.duplicate_of}" if response.duplicate_of_id else "oznacz"
    return format_html(
        '<a href="{}">{}</a>', reverse("consultation_link_duplicate", args=[response.pk]), label
    )


def organisation_link(response) -> str:
    """The organisation as typed, what the report will say of it, and the link to confirm."""
    if not response.organisation and response.ngo_id is None:
        return ""
    return format_html(
        '{} (<a href="{}">{}</a>)',
        response.organisation or response.ngo.name,
        reverse("consultation_confirm_organisation", args=[response.pk]),
        "potwierdzona" if response.public_submitter != PRIVATE_PERSON else "potwierdź",
    )


class ConsultationResponseFilterSet(WagtailFilterSet):
    consultation = django_filters.ModelChoiceFilter(
        label="Konsultacja",
        queryset=ConsultationPage.objects.order_by("-closes_at"),
    )
    channel = django_filters.ChoiceFilter(label="Forma zgłoszenia", choices=Channel.choices)
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
        return super().get_base_queryset().select_related("consultation", "duplicate_of", "ngo")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm(INBOX_PERMISSION):
            url = reverse("consultation_add_response")
            if consultation := self.request.GET.get("consultation", "").strip():
                url += f"?consultation={consultation}"
            buttons.append(
                HeaderButton("Dodaj uwagę z pisma, e-maila lub spotkania", url, icon_name="plus")
            )
            if paper := paper_questionnaire_url(consultation):
                buttons.append(HeaderButton("Wpisz ankietę papierową", paper, icon_name="form"))
        return buttons


class ConsultationResponseInspectView(AuditedDetailMixin, InspectView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("consultation", "ngo")


class ConsultationResponseViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = ConsultationResponse
    icon = "comment"
    menu_label = "Uwagi z konsultacji"
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
        Column("channel", label="Forma", accessor="get_channel_display"),
        Column("comment", label="Uwaga", accessor=comment_excerpt),
        "author_name",
        Column("organisation", label="Organizacja", accessor=organisation_link),
        BooleanColumn("has_email", label="E-mail"),
        DateColumn("submitted_at", label="Data wysłania", sort_key="submitted_at"),
        Column("duplicate", label="Duplikat", accessor=duplicate_link),
    ]
    filterset_class = ConsultationResponseFilterSet
    search_fields = ["comment", "document_part", "author_name", "organisation", "receipt_number"]
    search_backend_name = None  # plain database lookups; responses are not in the index
    list_export = [
        "receipt_number",
        "consultation.title",
        "submitted_at",
        "comment",
        "get_channel_display",
        "received_on",
        "document_part",
        "answers_text",
        "author_name",
        "organisation",
        "public_submitter",
        "email",
        "duplicate_of",
        "personal_data_removed_at",
    ]
    export_headings = {
        "receipt_number": "Numer potwierdzenia",
        "consultation.title": "Konsultacja",
        "get_channel_display": "Forma zgłoszenia",
        "submitted_at": "Data wysłania",
        "received_on": "Data wpływu",
        "comment": "Uwaga",
        "document_part": "Część dokumentu",
        "answers_text": "Odpowiedzi na pytania",
        "author_name": "Imię i nazwisko lub organizacja",
        "organisation": "Organizacja",
        "public_submitter": "Zgłaszający w raporcie",
        "duplicate_of": "Duplikat zgłoszenia",
        "email": "E-mail",
        "personal_data_removed_at": "Dane osobowe usunięto",
    }
    export_filename = "uwagi-z-konsultacji"
    inspect_view_fields = [
        "receipt_number",
        "consultation",
        "channel",
        "submitted_at",
        "received_on",
        "comment",
        "document_part",
        "answers_text",
        "author_name",
        "organisation",
        "ngo",
        "organisation_confirmed",
        "organisation_state",
        "email",
        "scan",
        "duplicate_of",
        "entered_by",
        "personal_data_removed_at",
    ]


class ConsultationViewSetGroup(ModelViewSetGroup):
    menu_label = "Konsultacje: uwagi"
    menu_icon = "comment"
    menu_order = 250
    items = (ConsultationResponseViewSet, ConsultationCommentViewSet, CommentGroupViewSet)
