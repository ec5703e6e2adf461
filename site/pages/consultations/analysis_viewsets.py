"""The admin screens of the analysis: each comment with its topics, group and the city's
position, and the groups of similar comments. Comments are made by the responses; here
they are only answered (no add or delete)."""

from django.utils.text import Truncator

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

import django_filters

from core.spreadsheets import SafeSpreadsheetExportMixin
from pages.consultations.choices import Position
from pages.consultations.models import CommentGroup, ConsultationComment, ConsultationPage

WITHOUT = "brak"


def comment_text(comment) -> str:
    return Truncator(comment.text).chars(160)


class CommentFilterSet(WagtailFilterSet):
    consultation = django_filters.ModelChoiceFilter(
        label="Konsultacja",
        field_name="response__consultation",
        queryset=ConsultationPage.objects.order_by("-closes_at"),
    )
    position = django_filters.ChoiceFilter(
        label="Stanowisko",
        choices=[(WITHOUT, "Bez stanowiska"), *Position.choices],
        method="filter_position",
    )
    topic = django_filters.CharFilter(label="Temat", field_name="topics__name")

    class Meta:
        model = ConsultationComment
        fields = ["consultation", "position", "group", "topic"]

    def filter_position(self, queryset, name, value):
        if value == WITHOUT:
            return queryset.without_position()
        return queryset.filter(position=value, group__isnull=True) | queryset.filter(
            group__position=value
        )


class CommentIndexView(SafeSpreadsheetExportMixin, IndexView):
    def get_base_queryset(self):
        # The export reads each comment's consultation's title too.
        return super().get_base_queryset().select_related("response__consultation", "group")


class CommentEditForm(WagtailAdminModelForm):
    """A comment's group is one of its own consultation's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["group"].queryset = CommentGroup.objects.filter(
                consultation_id=self.instance.response.consultation_id
            )

    def clean(self):
        cleaned = super().clean()
        reason = (cleaned.get("reason") or "").strip()
        if cleaned.get("position") and not reason and not cleaned.get("group"):
            self.add_error("reason", "Podaj uzasadnienie stanowiska – trafi do raportu.")
        return cleaned


class ConsultationCommentViewSet(ModelViewSet):
    model = ConsultationComment
    icon = "tasks"
    menu_label = "Analiza uwag"
    name = "consultation_comments"
    index_view_class = CommentIndexView
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_per_page = 50
    filterset_class = CommentFilterSet
    search_fields = ["text", "document_part", "reason"]
    search_backend_name = None
    list_display = [
        Column("receipt", label="Zgłoszenie", accessor="response.receipt_number"),
        Column("channel", label="Forma", accessor="response.get_channel_display"),
        "document_part",
        Column("text", label="Uwaga", accessor=comment_text),
        Column("group", label="Grupa", accessor="group"),
        Column("position", label="Stanowisko", accessor="position_label"),
    ]
    list_export = [
        "response.consultation.title",
        "response.receipt_number",
        "response.get_channel_display",
        "response.public_submitter",
        "document_part",
        "text",
        "group",
        "position_label",
        "effective_reason",
    ]
    export_headings = {
        "response.consultation.title": "Konsultacja",
        "response.receipt_number": "Numer zgłoszenia",
        "response.get_channel_display": "Forma zgłoszenia",
        "response.public_submitter": "Zgłaszający",
        "document_part": "Część dokumentu",
        "text": "Uwaga",
        "group": "Grupa",
        "position_label": "Stanowisko",
        "effective_reason": "Uzasadnienie",
    }
    export_filename = "analiza-uwag"
    edit_handler = ObjectList(
        [
            FieldPanel("text", read_only=True),
            FieldPanel("document_part", read_only=True),
            FieldPanel("topics"),
            FieldPanel("group"),
            FieldPanel("position"),
            FieldPanel("reason"),
        ],
        base_form_class=CommentEditForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        # Comments are made by their responses and never deleted on their own.
        return super().get_common_view_kwargs(**{**kwargs, "delete_url_name": None})

    def get_urlpatterns(self):
        kept = {"index", "index_results", "edit", "usage", "history"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in kept]


class CommentGroupViewSet(ModelViewSet):
    model = CommentGroup
    icon = "group"
    menu_label = "Grupy uwag"
    name = "consultation_comment_groups"
    copy_view_enabled = False
    list_display = ["name", "consultation", "position"]
    list_filter = ["consultation", "position"]
    form_fields = ["consultation", "name", "position", "reason"]
    search_fields = ["name", "reason"]
    search_backend_name = None
