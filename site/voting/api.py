"""The published results in the API: /api/v2/budget-results/, one item per pool of an
edition whose results an editor has published (voting.publication). Before that the
pool has no item at all (list, detail and `find` alike): no count leaks through the API.

Only what the protocol shows: the pool's amount, method, counted ballots with a vote in
it, what was spent, the tie draws, the votes per project and whether it was selected,
and the edition's totals (ballots, valid, invalid by reason, seed, publication time).
Never a ballot, a voter or the anonymous ballots of the `.pb` file (those are open data
at /budzet/wyniki/<edition>/<pool>.pb). Filter: `edition` (id).
"""

from wagtail.api import APIField

from rest_framework import serializers
from rest_framework.filters import BaseFilterBackend

from api.filters import check_search_operator, integer_parameter
from api.listed_fields import ListedFieldsAPIViewSet
from pages.budget.api import INTEGER, ReferenceSerializer, public_edition_ids
from voting.models import PoolResult


class ResultFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        check_search_operator(request)
        if (edition := integer_parameter(request, "edition")) is not None:
            queryset = queryset.filter(pool__edition_id=edition)
        return queryset


class ProjectRowSerializer(serializers.Serializer):
    project = ReferenceSerializer()
    rank = serializers.IntegerField()
    votes = serializers.IntegerField()
    score = serializers.IntegerField()
    cost = serializers.DecimalField(12, 2)
    selected = serializers.BooleanField()
    note = serializers.CharField()


class DrawSerializer(serializers.Serializer):
    score = serializers.IntegerField()
    order = serializers.ListField(child=serializers.IntegerField())


INT, STR = {"type": "integer"}, {"type": "string"}
DECIMAL = {"type": "string"}


def _object(properties: dict) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


class RowsField(serializers.Field):
    openapi_schema = {
        "type": "array",
        "items": _object(
            {
                "project": _object({"id": INT, "title": STR}),
                "rank": INT,
                "votes": INT,
                "score": INT,
                "cost": DECIMAL,
                "selected": {"type": "boolean"},
                "note": STR,
            }
        ),
    }

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, result):
        rows = sorted(result.rows.all(), key=lambda row: row.rank)
        return ProjectRowSerializer(rows, many=True).data


class DrawsField(serializers.Field):
    openapi_schema = {
        "type": "array",
        "items": _object({"score": INT, "order": {"type": "array", "items": INT}}),
    }

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, draws):
        return DrawSerializer(draws, many=True).data


class EditionSummaryField(serializers.Field):
    """The edition's totals, as the protocol states them."""

    openapi_schema = _object(
        {
            "ballots": INT,
            "valid": INT,
            "invalid": INT,
            "invalid_reasons": {"type": "object", "additionalProperties": INT},
            "draw_seed": STR,
            "counted_at": {"anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}]},
            "published_at": {"type": "string", "format": "date-time"},
        }
    )

    def __init__(self, **kwargs):
        super().__init__(source="edition_voting", read_only=True, **kwargs)

    def to_representation(self, voting):
        summary = voting.summary or {}
        return {
            "ballots": summary.get("ballots", 0),
            "valid": summary.get("valid", 0),
            "invalid": summary.get("invalid", 0),
            "invalid_reasons": summary.get("invalid_reasons", {}),
            "draw_seed": voting.draw_seed,
            "counted_at": voting.counted_at.isoformat() if voting.counted_at else None,
            "published_at": voting.results_published_at.isoformat(),
        }


class PoolReferenceField(serializers.Field):
    openapi_schema = _object({"id": INT, "name": STR, "slug": STR, "scope": STR})

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, pool):
        return {"id": pool.pk, "name": pool.name, "slug": pool.slug, "scope": pool.scope}


class ResultsAPIViewSet(ListedFieldsAPIViewSet):
    model = PoolResult
    name = "budget-results"
    custom_filters = ("edition",)
    filter_backends = [ResultFilter]
    known_query_parameters = ListedFieldsAPIViewSet.known_query_parameters.union(["edition"])
    openapi_parameters = {"edition": ("Numer (id) edycji.", INTEGER)}
    api_fields = (
        APIField("edition", serializer=ReferenceSerializer(source="pool.edition", read_only=True)),
        APIField("pool", serializer=PoolReferenceField()),
        APIField("method"),
        APIField("amount", serializer=serializers.DecimalField(12, 2, read_only=True)),
        APIField("spent", serializer=serializers.DecimalField(12, 2, read_only=True)),
        APIField("ballots"),
        APIField("draws", serializer=DrawsField()),
        APIField("projects", serializer=RowsField()),
        APIField("summary", serializer=EditionSummaryField()),
    )
    listing_default_fields = [
        *ListedFieldsAPIViewSet.listing_default_fields,
        "edition",
        "pool",
        "ballots",
        "projects",
    ]

    def get_queryset(self):
        return (
            PoolResult.objects.published()
            .without_snapshot()
            .filter(pool__edition__in=public_edition_ids())
            .select_related("pool", "pool__edition", "edition_voting")
            .prefetch_related("rows__project")
            .order_by("pool__edition", "pool__sort_order", "pk")
        )
