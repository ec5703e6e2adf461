"""The editors' screen of comments on art. 19a offers: read-only, filterable, exportable.

The read-only permission policy and the spreadsheet-safe text are the consultations'
own (pages.consultations.viewsets): the same rules for whatever the public sends in.
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
from pages.registry.models import OfferComment
from snippets.models import SmallGrantOffer

DATETIME_COLUMNS = ("submitted_at", "personal_data_removed_at")


def comment_excerpt(comment) -> str:
    return Truncator(comment.comment).chars(120)


class OfferCommentFilterSet(WagtailFilterSet):
    offer = django_filters.ModelChoiceFilter(
        label="Oferta", queryset=SmallGrantOffer.objects.order_by("-published_on")
    )

    class Meta:
        model = OfferComment
        fields = ["offer"]


class OfferCommentIndexView(AuditedIndexMixin, SafeSpreadsheetExportMixin, IndexView):
    custom_field_preprocess = export_preprocess(DATETIME_COLUMNS)

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("offer", "offer__ngo")


class OfferCommentInspectView(AuditedDetailMixin, InspectView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("offer")


class OfferCommentViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = OfferComment
    icon = "comment"
    menu_label = "Uwagi do ofert (art. 19a)"
    menu_order = 316
    add_to_admin_menu = True
    name = "offer_comments"
    index_view_class = OfferCommentIndexView
    inspect_view_class = OfferCommentInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    ordering = ["-submitted_at"]
    list_display = [
        "receipt_number",
        Column("offer", label="Oferta", accessor="offer.title", sort_key="offer__title"),
        Column("comment", label="Uwagi", accessor=comment_excerpt),
        "author_name",
        DateColumn("submitted_at", label="Data wysłania", sort_key="submitted_at"),
    ]
    filterset_class = OfferCommentFilterSet
    search_fields = ["comment", "author_name", "receipt_number"]
    search_backend_name = None
    list_export = [
        "receipt_number",
        "offer.title",
        "offer.ngo.name",
        "submitted_at",
        "comment",
        "author_name",
        "email",
        "personal_data_removed_at",
    ]
    export_headings = {
        "receipt_number": "Numer potwierdzenia",
        "offer.title": "Oferta",
        "offer.ngo.name": "Organizacja składająca ofertę",
        "submitted_at": "Data wysłania",
        "comment": "Uwagi",
        "author_name": "Imię i nazwisko lub organizacja",
        "email": "E-mail",
        "personal_data_removed_at": "Dane osobowe usunięto",
    }
    export_filename = "uwagi-do-ofert-19a"
    inspect_view_fields = [
        "receipt_number",
        "offer",
        "submitted_at",
        "comment",
        "author_name",
        "email",
        "personal_data_removed_at",
    ]
