"""Filters the API's clients need beyond Wagtail's own (by date), the portal's search for
pages, and Wagtail's search (documents, images) with its operator checked."""

import datetime

from django.db.models import Case, IntegerField, When
from django.utils import timezone

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page

from rest_framework.filters import BaseFilterBackend

from search.lists import matching_object_ids
from search.sources.pages import page_kinds

# query parameter -> (model field, lookup), dates as YYYY-MM-DD, inclusive.
PAGE_DATE_PARAMETERS = {
    "published_after": ("first_published_at", "gte"),
    "published_before": ("first_published_at", "lt"),
    "updated_after": ("last_published_at", "gte"),
}


def parse_date(name: str, raw: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError as error:
        raise BadRequestError(f"{name} must be a date as YYYY-MM-DD") from error


def integer_parameter(request, name: str) -> int | None:
    """The value of query parameter NAME as a whole number (an id); None if absent; 400
    for anything but up to 12 ASCII digits (int() would take "١٢", " 12" or "1_2")."""
    value = request.GET.get(name)
    if value is None:
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 12:
        raise BadRequestError(f"{name} must be a number (digits only)")
    return int(value)


def start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class PageDateFilter(BaseFilterBackend):
    """?published_after=2026-01-01&published_before=2026-12-31&updated_after=2026-11-01.

    Days are Warsaw days; `published_before` includes the day it names.
    """

    def filter_queryset(self, request, queryset, view):
        for name, (field, lookup) in PAGE_DATE_PARAMETERS.items():
            raw = request.GET.get(name)
            if raw is None:
                continue
            day = parse_date(name, raw)
            if lookup == "lt":
                day += datetime.timedelta(days=1)
            queryset = queryset.filter(**{f"{field}__{lookup}": start_of_day(day)})
        return queryset


class CheckedSearchFilter(SearchFilter):
    """Wagtail's ?search=…, with a `search_operator` other than `and`/`or` answered as a
    bad request (the search backend raises a ValueError on it, which would be a 500), with
    or without `search`, as /api/schema/ says."""

    def filter_queryset(self, request, queryset, view):
        check_search_operator(request)
        return super().filter_queryset(request, queryset, view)


def check_search_operator(request) -> None:
    """`search_operator` is among every endpoint's known parameters (Wagtail's), so
    /api/schema/ describes it everywhere: a value other than and/or is a bad request on
    every endpoint, also those whose own filter does the searching."""
    operator = request.GET.get("search_operator")
    if operator is not None and operator not in ("and", "or"):
        raise BadRequestError("search_operator must be and or or")


class PortalPageSearchFilter(BaseFilterBackend):
    """?search=… on every pages endpoint: the portal's own search (search.lists) among the
    public pages, best first unless `order` is given: Polish word forms, typos corrected,
    the editors' synonyms, identifiers in any grouping, as on /szukaj/. Wagtail's stock
    search knows none of these (recall 0.16–0.47 on inflected names against 0.97)."""

    def filter_queryset(self, request, queryset, view):
        check_search_operator(request)
        if not request.GET.get("search", "").strip():
            return queryset  # an empty box filters nothing, as in every list
        if getattr(queryset, "_filtered_by_tag", False):
            raise BadRequestError("filtering by tag with a search query is not supported")
        found = matching_object_ids(
            request.GET["search"],
            model=Page,
            kinds=page_kinds(),
            operator=request.GET.get("search_operator") or "and",
        )
        ids = [int(pk) for pk in found if pk.isdigit()]
        queryset = queryset.filter(pk__in=ids)
        if "order" in request.GET or not ids:
            return queryset
        rank = Case(*(When(pk=pk, then=n) for n, pk in enumerate(ids)), output_field=IntegerField())
        return queryset.order_by(rank, "pk")
