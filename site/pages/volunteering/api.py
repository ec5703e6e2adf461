"""/api/v2/volunteer-offers/: published volunteering offers, never an answer or a person.

Filters: `area` (point of art. 4 ust. 1), `state` (open, expired), `search` (title or
description), and field equality on `remote` and `min_age`.
"""

from django.db.models import Q

from wagtail.api import APIField
from wagtail.api.v2.views import BaseAPIViewSet

from rest_framework import serializers

from api.records import RecordAPIViewSet
from core.lifecycle_api import state_filter
from core.lifecycle_serializers import state_label_field, state_value_field
from pages.volunteering.models import VolunteeringIndexPage, VolunteerOffer
from pages.volunteering.state import OFFER
from snippets.serializers import AreaSerializer, DistrictSerializer, NGOReferenceSerializer


class OfferPageURLField(serializers.Field):
    """The offer's public page, or null while the volunteering page is not public."""

    openapi_schema = {"type": "string", "format": "uri", "nullable": True}

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, offer):
        request = self.context.get("request")
        if request is None:
            return None
        cache = self.context
        if "_volunteering_index_url" not in cache:
            page = VolunteeringIndexPage.objects.live().public().order_by("path").first()
            cache["_volunteering_index_url"] = page.get_url(request) if page else None
        base = cache["_volunteering_index_url"]
        return request.build_absolute_uri(f"{base}{offer.pk}/") if base else None


class VolunteerOfferAPIViewSet(RecordAPIViewSet):
    model = VolunteerOffer
    name = "volunteer-offers"
    custom_filters = ("area", "state")
    filter_backends = [state_filter(OFFER), *RecordAPIViewSet.filter_backends]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["area", "state"])
    openapi_parameters = {
        **RecordAPIViewSet.openapi_parameters,
        "state": (
            "Stan oferty teraz: `open` – przyjmuje zgłoszenia, `expired` – wygasła.",
            {"enum": OFFER.values},
        ),
        "search": ("Tytuł albo opis oferty zawiera ten tekst.", {"type": "string"}),
    }
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "title",
        "ngo",
        "remote",
        "expires_at",
        "state",
        "state_label",
    ]
    extra_api_fields = (
        APIField("area", serializer=AreaSerializer(read_only=True)),
        APIField("ngo", serializer=NGOReferenceSerializer(read_only=True)),
        APIField("district", serializer=DistrictSerializer(read_only=True)),
        APIField("state", serializer=state_value_field(OFFER)),
        APIField("state_label", serializer=state_label_field()),
        APIField("page_url", serializer=OfferPageURLField()),
    )

    search_kind = OFFER.name

    def search_q(self, query: str) -> Q:
        return Q(title__icontains=query) | Q(description__icontains=query)

    def get_queryset(self):
        return (
            VolunteerOffer.objects.published()
            .select_related("ngo", "area", "district")
            .order_by("expires_at", "pk")
        )
