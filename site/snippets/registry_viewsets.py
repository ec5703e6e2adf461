"""Admin screens of the NGO registry and the grant calls (Wagtail's SnippetViewSet).

The other half: the public pages that show these records are in `pages/registry/`.
"""

from django.utils import timezone

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

import django_filters

from core.spreadsheets import SafeSpreadsheetExportMixin
from snippets import ngo_table
from snippets.call_state import CALL
from snippets.models import (
    NGO,
    District,
    GrantCall,
    LegalForm,
    PublicBenefitArea,
    SmallGrantOffer,
)
from snippets.models.grant_call import Procedure

YES_NO = [("true", "tak"), ("false", "nie")]


class NGOFilterSet(WagtailFilterSet):
    legal_form = django_filters.ChoiceFilter(label="Forma prawna", choices=LegalForm.choices)
    is_public_benefit = django_filters.BooleanFilter(label="Status OPP")
    is_active = django_filters.BooleanFilter(label="Działająca")
    district = django_filters.ModelChoiceFilter(label="Dzielnica", queryset=District.objects.all())
    areas = django_filters.ModelChoiceFilter(
        label="Obszar pożytku publicznego", queryset=PublicBenefitArea.objects.all()
    )
    live = django_filters.BooleanFilter(label="Opublikowana")

    class Meta:
        model = NGO
        fields = ["legal_form", "is_public_benefit", "is_active", "district", "areas", "live"]


class SafeIndexView(SafeSpreadsheetExportMixin, IndexView):
    """A registry listing whose CSV/XLSX exports no spreadsheet runs as formulas."""


class NGOIndexView(SafeIndexView):
    """The CSV/XLSX export has the columns of the open data, so it can be imported back
    (the import removes the apostrophe the export puts before a formula character)."""

    def to_row_dict(self, item):
        return ngo_table.ngo_row(item)


class NGOViewSet(SnippetViewSet):
    model = NGO
    icon = "group"
    menu_label = "Organizacje pozarządowe"
    index_view_class = NGOIndexView
    list_display = ["name", "legal_form", "krs", "nip", "district", "is_active", "live"]
    list_per_page = 50
    filterset_class = NGOFilterSet
    search_fields = ["name", "short_name", "krs", "nip", "regon", "email"]
    search_backend_name = None  # plain database queries: always fresh after an import
    ordering = ["search_name", "pk"]
    list_export = ngo_table.COLUMN_NAMES
    export_headings = {name: name for name in ngo_table.COLUMN_NAMES}
    export_filename = "rejestr-organizacji"
    inspect_view_enabled = True

    def get_queryset(self, request):
        return NGO.objects.select_related("district").prefetch_related("areas")


class GrantCallFilterSet(WagtailFilterSet):
    procedure = django_filters.ChoiceFilter(label="Tryb", choices=Procedure.choices)
    area = django_filters.ModelChoiceFilter(
        label="Obszar pożytku publicznego", queryset=PublicBenefitArea.objects.all()
    )
    state = django_filters.ChoiceFilter(
        label="Stan",
        choices=[(state.slug, state.label) for state in CALL],  # HTML: Polish slugs
        method="filter_state",
    )
    live = django_filters.BooleanFilter(label="Opublikowany")

    class Meta:
        model = GrantCall
        fields = ["procedure", "area", "state", "live"]

    def filter_state(self, queryset, name, value):
        return CALL.filter(queryset, CALL.from_slug(value), timezone.now())


class GrantCallViewSet(SnippetViewSet):
    model = GrantCall
    index_view_class = SafeIndexView
    icon = "doc-full-inverse"
    menu_label = "Konkursy i nabory"
    list_display = [
        "title",
        "procedure",
        Column("state_label", label="Stan"),
        "offers_due_at",
        "total_funds",
        "live",
    ]
    list_per_page = 50
    filterset_class = GrantCallFilterSet
    search_fields = ["title", "task"]
    search_backend_name = None
    ordering = ["-offers_due_at"]
    list_export = [
        "title",
        "get_procedure_display",
        "task",
        "area",
        "state_label",
        "total_funds",
        "awards_total",
        "announced_at",
        "offers_due_at",
        "results_published_at",
        "cancelled_at",
        "get_cancellation_reason_display",
    ]
    export_headings = {
        "title": "tytul",
        "get_procedure_display": "tryb",
        "task": "zadanie",
        "area": "obszar",
        "state_label": "stan",
        "total_funds": "kwota_srodkow",
        "awards_total": "kwota_przyznana",
        "announced_at": "data_ogloszenia",
        "offers_due_at": "termin_ofert",
        "results_published_at": "wyniki_ogloszono",
        "cancelled_at": "uniewazniono",
        "get_cancellation_reason_display": "przyczyna_uniewaznienia",
    }
    export_filename = "konkursy"
    inspect_view_enabled = True

    def get_queryset(self, request):
        return GrantCall.objects.select_related("area").prefetch_related("awards")


class SmallGrantOfferFilterSet(WagtailFilterSet):
    outcome = django_filters.ChoiceFilter(
        label="Rozstrzygnięcie", choices=SmallGrantOffer.Outcome.choices
    )
    live = django_filters.BooleanFilter(label="Opublikowana")

    class Meta:
        model = SmallGrantOffer
        fields = ["outcome", "live"]


class SmallGrantOfferViewSet(SnippetViewSet):
    model = SmallGrantOffer
    index_view_class = SafeIndexView
    icon = "mail"
    menu_label = "Oferty art. 19a"
    list_display = ["title", "ngo", "amount", "published_on", "outcome", "live"]
    filterset_class = SmallGrantOfferFilterSet
    search_fields = ["title", "ngo__name"]
    search_backend_name = None
    list_export = ["title", "ngo", "area", "amount", "received_on", "published_on", "outcome"]
    export_filename = "oferty-art-19a"

    def get_queryset(self, request):
        return SmallGrantOffer.objects.select_related("ngo", "area")


class PublicBenefitAreaViewSet(SnippetViewSet):
    model = PublicBenefitArea
    icon = "list-ul"
    menu_label = "Obszary pożytku publicznego"
    list_display = ["number", "name", "short_name"]
    search_fields = ["name", "short_name", "number"]
    search_backend_name = None
    ordering = ["sort_order", "number"]


class RegistryViewSetGroup(SnippetViewSetGroup):
    menu_label = "Rejestr NGO i konkursy"
    menu_icon = "group"
    menu_order = 310
    items = (NGOViewSet, GrantCallViewSet, SmallGrantOfferViewSet, PublicBenefitAreaViewSet)
