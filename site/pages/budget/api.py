"""The budget's API: /api/v2/budget-editions/ (edition pages, `?state=` their phase),
/api/v2/budget-pools/ and /api/v2/budget-projects/ (public projects, public fields
only: never the author's contact or the supporters; the author's name only where they
agreed to be named; the units' given opinions and the public files). Filters as on the
list: `edition` (id), `pool` (id), `district` (an osiedle's slug, or `miasto`),
`category`, `status` (English values), `search`.
"""

from django.db.models import Prefetch

from wagtail.api import APIField
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from rest_framework import serializers
from rest_framework.filters import BaseFilterBackend

from api.filters import integer_parameter
from api.listed_fields import ListedFieldsAPIViewSet
from api.parameters import STRING
from api.views import PublicPagesAPIViewSet
from api.visibility import private_collection_ids
from core.lifecycle_api import state_filter
from core.request_memo import remember
from pages.budget.listing import PROJECT_KIND, text_q
from pages.budget.models import (
    BudgetEditionPage,
    BudgetPool,
    BudgetProject,
    Category,
    ImplementationUpdate,
    MeritOpinion,
    Progress,
    ProjectPublicFile,
)
from pages.budget.models.project import API_VALUES, STATUS_BY_API_VALUE, Status
from pages.budget.phases import EDITION
from search.lists import filter_by_search

INTEGER = {"type": "integer"}


def public_edition_ids():
    return BudgetEditionPage.objects.live().public().values("pk")


class EditionsAPIViewSet(PublicPagesAPIViewSet):
    model = BudgetEditionPage
    name = "budget-editions"
    filter_backends = [state_filter(EDITION), *PublicPagesAPIViewSet.filter_backends]
    known_query_parameters = PublicPagesAPIViewSet.known_query_parameters.union(["state"])
    listing_default_fields = [
        *PublicPagesAPIViewSet.listing_default_fields,
        "state",
        "state_label",
        "year",
    ]

    def get_queryset(self):
        return BudgetEditionPage.objects.filter(
            pk__in=self.get_base_queryset().values_list("pk", flat=True)
        )


class ProjectFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        if (edition := integer_parameter(request, "edition")) is not None:
            queryset = queryset.filter(edition_id=edition)
        if (pool := integer_parameter(request, "pool")) is not None:
            queryset = queryset.filter(pool_id=pool)
        if (district := request.GET.get("district")) is not None:
            queryset = (
                queryset.filter(pool__district__isnull=True)
                if district == "miasto"
                else queryset.filter(pool__district__slug=district)
            )
        if (category := request.GET.get("category")) is not None:
            if category not in Category.values:
                raise BadRequestError("category must be one of: " + ", ".join(Category.values))
            queryset = queryset.filter(category=category)
        if (status := request.GET.get("status")) is not None:
            if status not in STATUS_BY_API_VALUE:
                raise BadRequestError("status must be one of: " + ", ".join(API_VALUES.values()))
            queryset = queryset.filter(status=STATUS_BY_API_VALUE[status])
        if search := request.GET.get("search"):
            if "\x00" in search:
                raise BadRequestError("search must not contain NUL")
            queryset = filter_by_search(queryset, search, PROJECT_KIND, also=text_q(search))
        return queryset


class PoolFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        if (edition := integer_parameter(request, "edition")) is not None:
            queryset = queryset.filter(edition_id=edition)
        return queryset


class HistorySerializer(serializers.Serializer):
    status = serializers.SerializerMethodField()
    status_label = serializers.CharField()
    stage = serializers.CharField()
    at = serializers.DateTimeField()
    justification = serializers.CharField()

    def get_status(self, entry) -> str:
        return API_VALUES.get(Status(entry.status), entry.status)


class OpinionSerializer(serializers.Serializer):
    """A unit's given opinion: what the project page shows (never what was asked)."""

    unit = serializers.CharField(source="unit.name")
    feasibility = serializers.CharField()
    feasibility_label = serializers.CharField(source="get_feasibility_display")
    cost_estimate = serializers.DecimalField(12, 2, allow_null=True)
    opinion = serializers.CharField()
    given_at = serializers.DateTimeField()
    conflicts = serializers.SerializerMethodField()

    def get_conflicts(self, opinion) -> list[int]:
        """Ids of conflicting projects that are public (others are not named): prefetched
        by ProjectsAPIViewSet.get_queryset, already narrowed to public projects."""
        return sorted(project.pk for project in opinion.public_conflicts)


class PublicFileSerializer(serializers.Serializer):
    """A public file: its caption and the id in /api/v2/documents/ or /api/v2/images/."""

    caption = serializers.CharField()
    document = serializers.IntegerField(source="document_id", allow_null=True)
    image = serializers.IntegerField(source="image_id", allow_null=True)


class StatusField(serializers.Field):
    def to_representation(self, value):
        return Status(value).api_value


class ProjectStatusLabelField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="get_status_display", read_only=True, **kwargs)

    def to_representation(self, value):
        return value


class ConsensusField(serializers.Field):
    """A pool decided by its residents' meeting: null until the edition's results are
    published (and for pools that are voted on); the minutes' id in /api/v2/documents/
    only from a public collection; the chosen projects' ids."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, pool):
        record = getattr(pool, "consensus", None)
        if record is None or record.published_at is None:
            return None
        private = remember("budget-private-collections", private_collection_ids)
        return {
            "outcome": "reached" if record.reached else "not_reached",
            "meeting_date": record.meeting_date.isoformat(),
            "attendance": record.attendance,
            "minutes": record.minutes_id if record.minutes.collection_id not in private else None,
            "projects": sorted(project.pk for project in record.projects.all()),
            "notes": record.notes,
        }


class ImplementationField(serializers.Field):
    """A selected project's realisation: status (`preparing`, `in_progress`, `completed`,
    `not_completed`), progress, cost spent, the reason when not completed, and the
    published updates (photo and document ids in /api/v2/images/ and /api/v2/documents/,
    only from public collections); null for a project that is not followed."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, project):
        record = getattr(project, "implementation", None)
        updates = project.api_updates
        if record is None and not updates:
            return None
        private = remember("budget-private-collections", private_collection_ids)

        def public_id(item_id, item):
            return item_id if item_id and item.collection_id not in private else None

        status = Progress(record.progress_status if record else Progress.PREPARING)
        return {
            "status": status.api_value,
            "status_label": status.label,
            "progress": record.percent if record else 0,
            "cost_spent": str(record.cost_spent)
            if record and record.cost_spent is not None
            else None,
            "reason": record.reason if record else "",
            "updates": [
                {
                    "at": serializers.DateTimeField().to_representation(update.at),
                    "title": update.title,
                    "text": update.text,
                    "photo": public_id(update.photo_id, update.photo),
                    "photo_alt": update.photo_alt,
                    "document": public_id(update.document_id, update.document),
                }
                for update in updates
            ],
        }


class ReferenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(source="__str__")


class PoolsAPIViewSet(ListedFieldsAPIViewSet):
    model = BudgetPool
    name = "budget-pools"
    custom_filters = ("edition",)
    filter_backends = [PoolFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["edition"])
    openapi_parameters = {"edition": ("Numer (id) edycji.", INTEGER)}
    api_fields = (
        APIField("name"),
        APIField("slug"),
        APIField("scope"),
        APIField("edition", serializer=ReferenceSerializer(read_only=True)),
        APIField("total_amount", serializer=serializers.DecimalField(12, 2, read_only=True)),
        APIField("max_project_cost"),
        APIField("consensus", serializer=ConsensusField()),
    )
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name", "total_amount"]

    def get_queryset(self):
        return (
            BudgetPool.objects.filter(edition__in=public_edition_ids())
            .select_related("edition", "district", "consensus", "consensus__minutes")
            .prefetch_related(
                Prefetch("consensus__projects", queryset=BudgetProject.objects.public().order_by())
            )
            .order_by("edition", "sort_order", "pk")
        )


class ProjectsAPIViewSet(ListedFieldsAPIViewSet):
    """Fields listed here, not on the models: the API is the one place that says what of
    a project is public."""

    model = BudgetProject
    name = "budget-projects"
    custom_filters = ("edition", "pool", "district", "category", "status")
    filter_backends = [ProjectFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(
        ["edition", "pool", "district", "category", "status", "search"]
    )
    openapi_parameters = {
        "edition": ("Numer (id) edycji.", INTEGER),
        "pool": ("Numer (id) puli.", INTEGER),
        "district": ("Osiedle (slug) albo `miasto` dla puli ogólnomiejskiej.", STRING),
        "category": ("Kategoria projektu.", {"enum": Category.values}),
        "status": ("Status projektu.", {"enum": list(API_VALUES.values())}),
        "search": (
            "Wyszukiwanie jak w wyszukiwarce portalu (formy wyrazów, literówki, skróty, "
            "kod projektu) albo tytuł lub opis zawiera ten tekst.",
            STRING,
        ),
    }
    api_fields = (
        APIField("title"),
        APIField("category"),
        APIField("status", serializer=StatusField(read_only=True)),
        APIField("status_label", serializer=ProjectStatusLabelField()),
        APIField("edition", serializer=ReferenceSerializer(read_only=True)),
        APIField("pool", serializer=ReferenceSerializer(read_only=True)),
        APIField("address"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("description"),
        APIField("justification"),
        APIField("beneficiaries"),
        APIField("cost_total", serializer=serializers.DecimalField(12, 2, read_only=True)),
        APIField("city_cost_estimate"),
        APIField("supporters_count"),
        APIField("public_author", serializer=serializers.CharField(read_only=True)),
        APIField("history", serializer=HistorySerializer(many=True, read_only=True)),
        APIField(
            "merit_opinions",
            serializer=OpinionSerializer(many=True, read_only=True, source="api_opinions"),
        ),
        APIField(
            "public_files",
            serializer=PublicFileSerializer(many=True, read_only=True, source="api_files"),
        ),
        APIField("implementation", serializer=ImplementationField()),
    )
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "title",
        "status",
        "status_label",
    ]

    def get_queryset(self):
        return (
            BudgetProject.objects.public()
            .filter(edition__in=public_edition_ids())
            .select_related("edition", "pool", "implementation")
            .prefetch_related(
                "cost_lines",
                "history",
                *self.opinions_and_files(),
                Prefetch(
                    "implementation_updates",
                    queryset=ImplementationUpdate.objects.published().select_related(
                        "photo", "document"
                    ),
                    to_attr="api_updates",
                ),
            )
            .order_by("pk")
        )

    @staticmethod
    def opinions_and_files():
        """The given opinions (with their public conflicts) and the shown files of every
        project at once: per project, they would cost queries for each item of a list
        (and the private collections would be read again for each project)."""
        public_projects = BudgetProject.objects.public().filter(edition__in=public_edition_ids())
        opinions = (
            MeritOpinion.objects.filter(given_at__isnull=False)
            .select_related("unit")
            .prefetch_related(
                Prefetch("conflicts", queryset=public_projects, to_attr="public_conflicts")
            )
        )
        return (
            Prefetch("opinions", queryset=opinions, to_attr="api_opinions"),
            Prefetch(
                "public_files", queryset=ProjectPublicFile.objects.shown(), to_attr="api_files"
            ),
        )
