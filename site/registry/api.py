"""API endpoints of the registry: /api/v2/ngos/ and /api/v2/grant-calls/.

Published records only. Filters: `area` (point of art. 4 ust. 1, e.g. 16 or 32a),
`legal_form`, `is_public_benefit`, `district` (id), `search` (name) for organisations;
`area`, `procedure`, `state` (planowany, otwarty, ocena, rozstrzygniety, uniewazniony)
for calls. A malformed value answers 400, never 500.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from rest_framework.filters import BaseFilterBackend

from registry.serializers import AreaSerializer, AwardSerializer, PublicPageURLField
from snippets import call_state
from snippets.models import NGO, GrantCall
from snippets.models.ngo import fold
from snippets.serializers import DistrictSerializer


class SafeFieldsFilter(FieldsFilter):
    """Wagtail's field filters, with a value the field cannot hold (a date, a number)
    answered as a bad request instead of an error."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValueError, ValidationError) as error:
            raise BadRequestError(f"field filter error: {error}") from error


class AreaFilter(BaseFilterBackend):
    """?area=16 – records in that area of public benefit activity (its point number)."""

    def filter_queryset(self, request, queryset, view):
        number = request.GET.get("area")
        if number is None:
            return queryset
        lookup = "areas__number" if queryset.model is NGO else "area__number"
        return queryset.filter(**{lookup: number}).distinct()


class NameSearchFilter(BaseFilterBackend):
    """?search=… – the name (or title) contains the words, Polish letters or not."""

    def filter_queryset(self, request, queryset, view):
        query = "".join(char for char in request.GET.get("search", "") if char.isprintable())
        query = " ".join(query.split())[:100]
        if not query:
            return queryset
        if queryset.model is NGO:
            return queryset.filter(search_name__contains=fold(query))
        return queryset.filter(Q(title__icontains=query) | Q(task__icontains=query))


class CallStateFilter(BaseFilterBackend):
    """?state=otwarty – the state that follows from the call's dates right now."""

    def filter_queryset(self, request, queryset, view):
        state = request.GET.get("state")
        if state is None:
            return queryset
        if state not in call_state.STATE_ORDER:
            raise BadRequestError("state must be one of: " + ", ".join(call_state.STATE_ORDER))
        return queryset.filter(call_state.state_q(state, timezone.now()))


class RegistryAPIViewSet(BaseAPIViewSet):
    # Parameters filtered by this endpoint's own filters rather than by field equality.
    custom_filters: tuple[str, ...] = ()
    # Related records and links, added here so that the models need not know the API.
    extra_api_fields: tuple[APIField, ...] = ()
    filter_backends = [SafeFieldsFilter, AreaFilter, NameSearchFilter, OrderingFilter]

    @classmethod
    def get_body_fields(cls, model):
        return [*super().get_body_fields(model), *cls.extra_api_fields]

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if db_fields_only:
            fields = [field for field in fields if field not in cls.custom_filters]
        return fields


class NGOAPIViewSet(RegistryAPIViewSet):
    model = NGO
    name = "ngos"
    custom_filters = ("area", "areas", "awards")
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["area"])
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name", "slug", "legal_form"]
    extra_api_fields = (
        APIField("areas", serializer=AreaSerializer(many=True, read_only=True)),
        APIField("district", serializer=DistrictSerializer(read_only=True)),
        APIField("page_url", serializer=PublicPageURLField("organizacje")),
    )

    def get_queryset(self):
        return NGO.objects.published().for_listing().order_by("search_name", "pk")


class GrantCallAPIViewSet(RegistryAPIViewSet):
    model = GrantCall
    name = "grant-calls"
    custom_filters = ("area", "awards", "documents", "state")
    filter_backends = [CallStateFilter, *RegistryAPIViewSet.filter_backends]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["area", "state"])
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "title",
        "slug",
        "procedure",
        "state",
        "offers_due_at",
    ]
    extra_api_fields = (
        APIField("state"),
        APIField("area", serializer=AreaSerializer(read_only=True)),
        APIField("awards", serializer=AwardSerializer(many=True, read_only=True)),
        APIField("page_url", serializer=PublicPageURLField("konkursy")),
    )

    def get_queryset(self):
        return (
            GrantCall.objects.published()
            .select_related("area")
            .prefetch_related("awards__ngo")
            .order_by("-offers_due_at", "pk")
        )
