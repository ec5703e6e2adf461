"""The register in the API: /api/v2/local-initiatives/ (applications in the register,
public fields only: never the leader's or members' data, never a member's score) and
/api/v2/local-initiative-rules/ (each year's rules, `?state=` the call's state).
Filters: `year`, `district` (an osiedle's slug), `status` (English values), `search`.
"""

from wagtail.api import APIField
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from rest_framework import serializers
from rest_framework.filters import BaseFilterBackend

from api.filters import check_search_operator
from api.listed_fields import ListedFieldsAPIViewSet
from api.parameters import STRING
from api.views import PublicPagesAPIViewSet
from core.lifecycle_api import state_filter
from pages.initiatives import register
from pages.initiatives.choices import API_VALUES, STATUS_BY_API_VALUE, Status
from pages.initiatives.listing import APPLICATION_KIND, text_q
from pages.initiatives.models import Initiative, InitiativeRulesPage
from pages.initiatives.state import RULES
from search.lists import filter_by_search

INTEGER = {"type": "integer"}
MONEY = {"max_digits": 12, "decimal_places": 2, "read_only": True}


class RulesAPIViewSet(PublicPagesAPIViewSet):
    model = InitiativeRulesPage
    name = "local-initiative-rules"
    filter_backends = [state_filter(RULES), *PublicPagesAPIViewSet.filter_backends]
    known_query_parameters = PublicPagesAPIViewSet.known_query_parameters.union(["state"])
    listing_default_fields = [
        *PublicPagesAPIViewSet.listing_default_fields,
        "state",
        "state_label",
        "year",
    ]

    def get_queryset(self):
        return InitiativeRulesPage.objects.filter(
            pk__in=self.get_base_queryset().values_list("pk", flat=True)
        )


class InitiativeFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        check_search_operator(request)
        if (year := request.GET.get("year")) is not None:
            if not (year.isascii() and year.isdigit()) or len(year) > 4:
                raise BadRequestError("year must be a number (digits only)")
            queryset = queryset.filter(rules__year=int(year))
        if (district := request.GET.get("district")) is not None:
            queryset = queryset.filter(district__slug=district)
        if (status := request.GET.get("status")) is not None:
            if status not in STATUS_BY_API_VALUE:
                raise BadRequestError("status must be one of: " + ", ".join(API_VALUES.values()))
            queryset = queryset.filter(status=STATUS_BY_API_VALUE[status])
        if search := request.GET.get("search"):
            if "\x00" in search:
                raise BadRequestError("search must not contain NUL")
            queryset = filter_by_search(queryset, search, APPLICATION_KIND, also=text_q(search))
        return queryset


class StatusField(serializers.Field):
    def to_representation(self, value):
        return Status(value).api_value


class MethodField(serializers.Field):
    """A read-only value computed by the model (or by register) under a public name."""

    def __init__(self, getter, **kwargs):
        self.getter = getter
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        result = self.getter(value)
        return None if result is None else str(result)


def _district_name(initiative):
    return initiative.district.display_name if initiative.district_id else None


class HistorySerializer(serializers.Serializer):
    status = StatusField()
    status_label = serializers.CharField()
    stage = serializers.CharField()
    at = serializers.DateTimeField()
    justification = serializers.CharField()


class InitiativesAPIViewSet(ListedFieldsAPIViewSet):
    """Fields listed here, not on the model: the API is the one place that says what of
    an application is public (with register.py)."""

    model = Initiative
    name = "local-initiatives"
    filter_backends = [InitiativeFilter]
    custom_filters = ("year", "district", "status")
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(
        ["year", "district", "status", "search"]
    )
    openapi_parameters = {
        "year": ("Rok (zasady naboru).", INTEGER),
        "district": ("Osiedle (slug).", STRING),
        "status": ("Status wniosku.", {"enum": list(API_VALUES.values())}),
        "search": (
            "Wyszukiwanie jak w wyszukiwarce portalu (formy wyrazów, literówki, skróty) "
            "albo nazwa lub opis zadania zawiera ten tekst.",
            STRING,
        ),
    }
    api_fields = (
        APIField("receipt_number"),
        APIField("title"),
        APIField("year", serializer=MethodField(lambda i: i.rules.year)),
        APIField("applicant", serializer=MethodField(lambda i: i.applicant_public_name)),
        APIField("area_name", serializer=MethodField(lambda i: str(i.area))),
        APIField("district_name", serializer=MethodField(_district_name)),
        APIField("place"),
        APIField("description"),
        APIField("schedule"),
        APIField("effects"),
        APIField("beneficiaries"),
        APIField("status", serializer=StatusField(read_only=True)),
        APIField("status_label", serializer=MethodField(lambda i: i.get_status_display())),
        APIField("city_amount"),
        APIField("granted_amount"),
        APIField("work_hours"),
        APIField("work_rate"),
        APIField("in_kind_value"),
        APIField("cash_contribution"),
        APIField("own_contribution", serializer=serializers.DecimalField(**MONEY)),
        APIField("contribution_percent", serializer=serializers.DecimalField(**MONEY)),
        APIField("score", serializer=MethodField(register.public_score)),
        APIField("history", serializer=HistorySerializer(many=True, read_only=True)),
    )
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "title",
        "status",
        "status_label",
    ]

    def get_queryset(self):
        public_rules = InitiativeRulesPage.objects.live().public().values("pk")
        return (
            Initiative.objects.public()
            .filter(rules__in=public_rules)
            .select_related("rules", "area", "district", "ngo")
            .prefetch_related("history")
            .order_by("pk")
        )
