"""The submissions team's read-only list of volunteers' answers.

Answers are decided by the offering organisation in the NGO zone; the department reads
them here to pass on an answer to an organisation that has no e-mail of its own (the
team's mailbox gets the notice then, with a link to this screen) and to answer a
resident's question. Every list, export and detail shown is recorded (core.audit).
Editors and approvers have no permission on answers (roles.PERSONAL_DATA_MODELS).
"""

from django.utils.text import Truncator

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

import django_filters

from core.admin_views import ReadOnlyViewSetMixin, export_preprocess
from core.audit import AuditedDetailMixin, AuditedIndexMixin
from core.spreadsheets import SafeSpreadsheetExportMixin
from pages.volunteering.models import VolunteerAnswer, VolunteerOffer

DATETIME_COLUMNS = ("submitted_at", "decided_at", "personal_data_removed_at")


def yes_no(value) -> str:
    return "tak" if value else "nie"


def message_excerpt(answer) -> str:
    return Truncator(answer.message).chars(80)


class VolunteerAnswerFilterSet(WagtailFilterSet):
    offer = django_filters.ModelChoiceFilter(
        label="Oferta", queryset=VolunteerOffer.objects.order_by("-created_at")
    )
    status = django_filters.ChoiceFilter(label="Stan", choices=VolunteerAnswer.Status.choices)

    class Meta:
        model = VolunteerAnswer
        fields = ["offer", "status"]


class VolunteerAnswerIndexView(AuditedIndexMixin, SafeSpreadsheetExportMixin, IndexView):
    # Labels, not codes: the export is read by people (age group, consent, state).
    custom_field_preprocess = {
        **export_preprocess(DATETIME_COLUMNS),
        "parental_consent": {"csv": yes_no, "xlsx": yes_no},
    }

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("offer", "offer__ngo")


class VolunteerAnswerInspectView(AuditedDetailMixin, InspectView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("offer", "offer__ngo")


class VolunteerAnswerViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = VolunteerAnswer
    icon = "group"
    menu_label = "Zgłoszenia wolontariuszy"
    menu_order = 261
    add_to_admin_menu = True
    name = "volunteer_answers"
    url_prefix = "wolontariat/zgloszenia"
    index_view_class = VolunteerAnswerIndexView
    inspect_view_class = VolunteerAnswerInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    ordering = ["-submitted_at"]
    list_display = [
        "receipt_number",
        Column("offer", label="Oferta", accessor="offer.title", sort_key="offer__title"),
        Column("ngo", label="Organizacja", accessor="offer.ngo.name"),
        "name",
        Column("message", label="Wiadomość", accessor=message_excerpt),
        Column("status", label="Stan", accessor="get_status_display", sort_key="status"),
        DateColumn("submitted_at", label="Data wysłania", sort_key="submitted_at"),
    ]
    filterset_class = VolunteerAnswerFilterSet
    search_fields = ["receipt_number", "name", "email"]
    search_backend_name = None
    list_export = [
        "receipt_number",
        "offer.title",
        "offer.ngo.name",
        "submitted_at",
        "name",
        "email",
        "phone",
        "get_age_group_display",
        "parental_consent",
        "message",
        "get_status_display",
        "decided_at",
        "personal_data_removed_at",
    ]
    export_headings = {
        "receipt_number": "Numer potwierdzenia",
        "offer.title": "Oferta",
        "offer.ngo.name": "Organizacja",
        "submitted_at": "Data wysłania",
        "name": "Imię i nazwisko",
        "email": "E-mail",
        "phone": "Telefon",
        "get_age_group_display": "Wiek",
        "parental_consent": "Zgoda rodzica",
        "message": "Wiadomość",
        "get_status_display": "Stan",
        "decided_at": "Rozpatrzono",
        "personal_data_removed_at": "Dane osobowe usunięto",
    }
    export_filename = "zgloszenia-wolontariuszy"
    inspect_view_fields = [
        "receipt_number",
        "offer",
        "submitted_at",
        "name",
        "email",
        "phone",
        "age_group",
        "parental_consent",
        "message",
        "status",
        "decided_at",
        "personal_data_removed_at",
    ]
