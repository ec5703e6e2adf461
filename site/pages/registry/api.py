"""API endpoints of the registry: /api/v2/ngos/, /api/v2/grant-calls/ and
/api/v2/small-grant-offers/.

Published records only (offers: live and whose publication day has come). Filters:
`area` (point of art. 4 ust. 1, e.g. 16 or 32a) everywhere; `legal_form`,
`is_public_benefit`, `district` (a district's slug; its numeric id still works),
`search` (name) for organisations; `procedure`, `state` (planned, open, evaluation,
resolved, cancelled; the older Polish planowany, otwarty, ocena, rozstrzygniety,
uniewazniony still accepted) for calls; `ngo` (the organisation's slug), `outcome`
(w-toku, dotacja, odmowa), `state` (open, closed) and `comments_open` (true, false) for
offers. An unknown slug gives an empty list; a malformed value answers 400, never 500.
Offers carry no comment and nothing about whoever commented; a document in a private
collection shows as null.

The other half: the records (NGO, GrantCall, SmallGrantOffer), their state, admin
screens, import and open data are snippets, in `snippets/`.

The endpoints' base, with the area and search filters, is `api.records.RecordAPIViewSet`.
"""

from django.db.models import Q
from django.utils import timezone

from wagtail.api import APIField
from wagtail.api.v2.utils import BadRequestError, parse_boolean
from wagtail.api.v2.views import BaseAPIViewSet

from rest_framework import serializers
from rest_framework.filters import BaseFilterBackend

from api.fields import PublicDocumentURLField
from api.records import STRING, RecordAPIViewSet, slug_parameter
from core.lifecycle_api import state_filter
from core.lifecycle_serializers import state_label_field, state_value_field
from pages.registry.links import offer_path
from pages.registry.serializers import (
    CALL_INDEX,
    NGO_INDEX,
    AwardSerializer,
    CommentsOpenField,
    PublicPageURLField,
)
from snippets.call_state import CALL
from snippets.models import NGO, GrantCall, SmallGrantOffer
from snippets.models.ngo import fold
from snippets.offer_state import OFFER
from snippets.serializers import AreaSerializer, DistrictSerializer, NGOReferenceSerializer

# ?state=open – the state that follows from the call's dates right now.
CallStateFilter = state_filter(CALL)
# ?state=open|closed – offers whose comment window is open (or over) at the request's
# moment, the moment their fields are computed for.
OfferStateFilter = state_filter(OFFER)


class DistrictFilter(BaseFilterBackend):
    """?district=reden – organisations in that district, by its slug; a number is also
    taken as the district's id, as the endpoint once took only that."""

    def filter_queryset(self, request, queryset, view):
        value = slug_parameter(request, "district")
        if value is None:
            return queryset
        match = Q(district__slug=value)
        if value.isdigit():
            match |= Q(district_id=int(value))
        return queryset.filter(match)


class NGOSlugFilter(BaseFilterBackend):
    """?ngo=<slug> – records of that organisation."""

    def filter_queryset(self, request, queryset, view):
        slug = slug_parameter(request, "ngo")
        if slug is None:
            return queryset
        return queryset.filter(ngo__slug=slug)


class OutcomeFilter(BaseFilterBackend):
    """?outcome=dotacja – offers with that outcome."""

    def filter_queryset(self, request, queryset, view):
        outcome = request.GET.get("outcome")
        if outcome is None:
            return queryset
        if outcome not in SmallGrantOffer.Outcome.values:
            raise BadRequestError(
                "outcome must be one of: " + ", ".join(SmallGrantOffer.Outcome.values)
            )
        return queryset.filter(outcome=outcome)


class CommentsOpenFilter(BaseFilterBackend):
    """?comments_open=true|false – offers whose comment window is open (or over) at the
    request's moment, the same moment their `comments_open` field is computed for."""

    def filter_queryset(self, request, queryset, view):
        value = request.GET.get("comments_open")
        if value is None:
            return queryset
        try:
            wanted = parse_boolean(value)
        except ValueError as error:
            raise BadRequestError("comments_open must be true or false") from error
        if wanted:
            return queryset.open_for_comments(view.now)
        return queryset.closed_for_comments(view.now)


class NGOAPIViewSet(RecordAPIViewSet):
    model = NGO
    name = "ngos"
    area_lookup = "areas__number"
    custom_filters = ("area", "areas", "awards", "district")
    filter_backends = [DistrictFilter, *RecordAPIViewSet.filter_backends]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["area", "district"])
    openapi_parameters = {
        **RecordAPIViewSet.openapi_parameters,
        "district": (
            "Dzielnica: jej identyfikator w adresie (slug), np. `reden`; "
            "liczba jest też przyjmowana jako numer (id) dzielnicy, jak dotąd.",
            STRING,
        ),
        "search": ("Nazwa organizacji zawiera te słowa (z polskimi znakami lub bez).", STRING),
    }
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name", "slug", "legal_form"]
    extra_api_fields = (
        APIField("areas", serializer=AreaSerializer(many=True, read_only=True)),
        APIField("district", serializer=DistrictSerializer(read_only=True)),
        APIField("page_url", serializer=PublicPageURLField(NGO_INDEX)),
    )

    search_kind = "ngo"

    def search_q(self, query: str) -> Q:
        # Polish letters or not: the folded name matches either.
        return Q(search_name__contains=fold(query))

    def get_queryset(self):
        return NGO.objects.published().for_listing().order_by("search_name", "pk")


class GrantCallAPIViewSet(RecordAPIViewSet):
    model = GrantCall
    name = "grant-calls"
    custom_filters = ("area", "awards", "documents", "state")
    filter_backends = [CallStateFilter, *RecordAPIViewSet.filter_backends]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["area", "state"])
    openapi_parameters = {
        **RecordAPIViewSet.openapi_parameters,
        "state": (
            "Stan naboru teraz, wynikający z jego dat.",
            {"enum": CALL.values},
        ),
        "search": ("Tytuł albo zadanie zawiera ten tekst.", STRING),
    }
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
        APIField("state_label", serializer=state_label_field()),
        APIField("area", serializer=AreaSerializer(read_only=True)),
        APIField("awards", serializer=AwardSerializer(many=True, read_only=True)),
        APIField("page_url", serializer=PublicPageURLField(CALL_INDEX)),
    )

    search_kind = CALL.name

    def search_q(self, query: str) -> Q:
        return Q(title__icontains=query) | Q(task__icontains=query)

    def get_queryset(self):
        return (
            GrantCall.objects.published()
            .select_related("area")
            .prefetch_related("awards__ngo")
            .order_by("-offers_due_at", "pk")
        )


class SmallGrantOfferAPIViewSet(RecordAPIViewSet):
    """Small-grant offers (art. 19a): what the offer's public page shows, without its
    comment form and without any comment."""

    model = SmallGrantOffer
    name = "small-grant-offers"
    webhook_public_from = "published_on"  # a live offer is public from that day (webhooks.clock)
    custom_filters = ("area", "ngo", "outcome", "comments_open", "state")
    filter_backends = [
        NGOSlugFilter,
        OutcomeFilter,
        CommentsOpenFilter,
        OfferStateFilter,
        *RecordAPIViewSet.filter_backends,
    ]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(
        ["area", "ngo", "outcome", "comments_open", "state"]
    )
    openapi_parameters = {
        **RecordAPIViewSet.openapi_parameters,
        "ngo": ("Organizacja, która złożyła ofertę: jej identyfikator w adresie (slug).", STRING),
        "outcome": ("Rozstrzygnięcie.", {"enum": list(SmallGrantOffer.Outcome.values)}),
        "comments_open": (
            "`true` – oferty, do których można teraz zgłaszać uwagi (art. 19a ust. 3); "
            "`false` – te, dla których termin minął.",
            {"enum": ["true", "false"]},
        ),
        "state": (
            "Stan oferty teraz: `open` – zbiera uwagi, `closed` – po terminie.",
            {"enum": OFFER.values},
        ),
        "search": ("Tytuł albo opis zadania zawiera ten tekst.", STRING),
    }
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "title",
        "ngo",
        "amount",
        "published_on",
        "comments_open",
        "outcome",
    ]
    extra_api_fields = (
        APIField(
            "outcome_label",
            serializer=serializers.CharField(source="get_outcome_display", read_only=True),
        ),
        APIField("area", serializer=AreaSerializer(read_only=True)),
        APIField("ngo", serializer=NGOReferenceSerializer(read_only=True)),
        APIField("state", serializer=state_value_field(OFFER)),
        APIField("state_label", serializer=state_label_field()),
        APIField("comments_open", serializer=CommentsOpenField()),
        APIField("comments_close_at", serializer=serializers.DateTimeField(read_only=True)),
        APIField(
            "page_url",
            serializer=PublicPageURLField(CALL_INDEX, path=lambda offer: offer_path(offer.pk)),
        ),
        APIField("document_url", serializer=PublicDocumentURLField("offer_document")),
    )

    search_kind = OFFER.name

    def search_q(self, query: str) -> Q:
        return Q(title__icontains=query) | Q(summary__icontains=query)

    def get_queryset(self):
        return (
            SmallGrantOffer.objects.published(timezone.localdate(self.now))
            .select_related("ngo", "area", "offer_document")
            .order_by("-published_on", "-pk")
        )
