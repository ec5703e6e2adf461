"""A base for API endpoints of records that are not pages (snippets): the registry's
organisations, calls and offers, volunteering offers.

What it gives: Wagtail's field filters with a bad value answered 400 (never 500); `area`
(a point of art. 4 ust. 1); `search` (the site search's matches for the endpoint's
`search_kind`, or the endpoint's own `search_q` on the text as typed); ordering; the
request's one moment (`now`) for fields and filters that change with the clock; extra
fields (related records, links) declared by the endpoint, so models need not know the
API.
"""

from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.utils import timezone

from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from rest_framework.filters import BaseFilterBackend

from api.views import CheckedFindMixin
from search.lists import filter_by_search

STRING = {"type": "string"}


def slug_parameter(request, name: str) -> str | None:
    """The value of query parameter NAME if it is a slug; None if absent; 400 otherwise."""
    value = request.GET.get(name)
    if value is None:
        return None
    if not slug_re.fullmatch(value):
        raise BadRequestError(f"{name} must be a slug (letters a-z, digits, hyphens, underscores)")
    return value


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
        number = slug_parameter(request, "area")
        if number is None:
            return queryset
        return queryset.filter(**{view.area_lookup: number}).distinct()


class NameSearchFilter(BaseFilterBackend):
    """?search=… – what the site search finds for the words among the endpoint's records
    (`search_kind`: lemmas, folding, identifiers in any grouping, synonyms), or records
    whose columns contain the text as typed (`search_q`: a name's beginning, "zak")."""

    def filter_queryset(self, request, queryset, view):
        query = "".join(char for char in request.GET.get("search", "") if char.isprintable())
        query = " ".join(query.split())[:100]
        if not query:
            return queryset
        return filter_by_search(queryset, query, view.search_kind, also=view.search_q(query))


class RecordAPIViewSet(CheckedFindMixin, BaseAPIViewSet):
    # The field `area` filters on: a record's one area, or an organisation's many.
    area_lookup = "area__number"
    # Parameters filtered by this endpoint's own filters rather than by field equality.
    custom_filters: tuple[str, ...] = ()
    # Related records and links, added here so that the models need not know the API.
    extra_api_fields: tuple[APIField, ...] = ()
    # What /api/schema/ says of this endpoint's own parameters: name -> (description, schema).
    openapi_parameters: dict[str, tuple[str, dict]] = {
        "area": (
            "Punkt art. 4 ust. 1 ustawy (obszar pożytku publicznego), np. `16`, `32a`.",
            STRING,
        )
    }
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

    @cached_property
    def now(self):
        """The request's moment: filters and fields that change with the clock agree."""
        return timezone.now()

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "now": self.now}
