"""The admin screens of councils (Rady i osiedla): terms with their members, recruitment,
candidates' applications, the register of resolutions and opinions, and opinion requests
with their deadlines."""

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

import django_filters

from core.audit import AuditedEditView, AuditedInspectView
from pages.cao.viewsets import SubmissionIndexView
from pages.councils.choices import ResolutionKind, ResolutionStatus
from pages.councils.models import (
    CouncilApplication,
    CouncilPage,
    CouncilTerm,
    OpinionRequest,
    Recruitment,
    Resolution,
)


def _councils():
    return CouncilPage.objects.order_by("title")


class CouncilFilterSet(WagtailFilterSet):
    council = django_filters.ModelChoiceFilter(label="Organ", queryset=_councils)


class TermFilterSet(CouncilFilterSet):
    class Meta:
        model = CouncilTerm
        fields = ["council"]


class ResolutionFilterSet(CouncilFilterSet):
    kind = django_filters.ChoiceFilter(label="Rodzaj", choices=ResolutionKind.choices)
    status = django_filters.ChoiceFilter(label="Wynik", choices=ResolutionStatus.choices)

    class Meta:
        model = Resolution
        fields = ["council", "kind", "status"]


class OpinionRequestFilterSet(CouncilFilterSet):
    class Meta:
        model = OpinionRequest
        fields = ["council"]


class TermViewSet(ModelViewSet):
    model = CouncilTerm
    icon = "group"
    menu_label = "Kadencje i członkowie"
    filterset_class = TermFilterSet
    list_display = [
        "__str__",
        DateColumn("starts_on", label="Od"),
        DateColumn("ends_on", label="Do"),
    ]


class RecruitmentViewSet(ModelViewSet):
    model = Recruitment
    icon = "user"
    menu_label = "Nabory i wybory"
    list_display = ["title", "council", "opens_at", "closes_at"]


class ApplicationIndexView(SubmissionIndexView):
    def get_base_queryset(self):
        # The organ's and the recruitment's titles in the same query as the list.
        return super().get_base_queryset().select_related("recruitment__council")


class ApplicationViewSet(ModelViewSet):
    """Candidates' applications: sent only through the public form, cleared only by the
    retention purge, so nobody adds, copies or deletes them here (HandleOnlyPermission-
    Policy, wagtail_hooks); the submissions team reads them and marks them handled."""

    model = CouncilApplication
    name = "council_applications"
    url_prefix = "rady/zgloszenia-kandydatow"
    icon = "user"
    menu_label = "Zgłoszenia kandydatów"
    index_view_class = ApplicationIndexView
    edit_view_class = AuditedEditView
    inspect_view_class = AuditedInspectView
    copy_view_enabled = False
    inspect_view_enabled = True
    add_to_reference_index = False
    list_display = [
        "receipt_number",
        DateColumn("submitted_at", label="Data wysłania", sort_key="submitted_at"),
        Column("council_title", label="Organ"),
        Column("recruitment_title", label="Nabór"),
        "name",
        "seat",
        BooleanColumn("is_handled", label="Rozpatrzone", sort_key="is_handled"),
    ]
    list_filter = ["recruitment", "is_handled", "submitted_at"]
    ordering = ["is_handled", "-submitted_at"]
    search_fields = ["receipt_number", "name", "email", "represents"]
    search_backend_name = None
    list_per_page = 50
    list_export = [
        "receipt_number",
        "submitted_at",
        "council_title",
        "recruitment_title",
        "name",
        "email",
        "phone",
        "seat",
        "represents",
        "statement",
        "is_handled",
        "personal_data_removed_at",
    ]
    export_filename = "zgloszenia-kandydatow"
    inspect_view_fields = list_export
    panels = [
        FieldPanel("is_handled"),
        MultiFieldPanel(
            [
                FieldPanel(name, read_only=True)
                for name in (
                    "receipt_number",
                    "submitted_at",
                    "recruitment",
                    "name",
                    "email",
                    "phone",
                    "seat",
                    "represents",
                    "statement",
                    "personal_data_removed_at",
                )
            ],
            heading="Zgłoszenie",
        ),
    ]


class ResolutionViewSet(ModelViewSet):
    model = Resolution
    icon = "doc-full"
    menu_label = "Rejestr uchwał i opinii"
    filterset_class = ResolutionFilterSet
    search_fields = ["number", "title"]
    list_display = [
        Column("number", label="Numer"),
        "title",
        "council",
        DateColumn("adopted_on", label="Data"),
        "status",
    ]


class OpinionRequestViewSet(ModelViewSet):
    model = OpinionRequest
    icon = "time"
    menu_label = "Wnioski o opinię"
    filterset_class = OpinionRequestFilterSet
    search_fields = ["subject", "requested_by"]
    list_display = [
        "subject",
        "council",
        DateColumn("received_on", label="Wpłynął"),
        Column("deadline_text", label="Termin", sort_key="deadline"),
        DateColumn("given_on", label="Opinia wydana"),
    ]


class CouncilViewSetGroup(ModelViewSetGroup):
    menu_label = "Rady i osiedla"
    menu_icon = "group"
    menu_order = 320
    items = (
        TermViewSet,
        RecruitmentViewSet,
        ApplicationViewSet,
        ResolutionViewSet,
        OpinionRequestViewSet,
    )
