"""The admin screens of councils (Rady i osiedla): terms with their members, recruitment,
the register of resolutions and opinions, and opinion requests with their deadlines."""

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

import django_filters

from pages.councils.choices import ResolutionKind, ResolutionStatus
from pages.councils.models import (
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
    items = (TermViewSet, RecruitmentViewSet, ResolutionViewSet, OpinionRequestViewSet)
