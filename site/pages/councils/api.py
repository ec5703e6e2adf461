"""Councils' endpoints of the API: /api/v2/councils/ and /api/v2/osiedla/ (their public
pages), /api/v2/council-members/ (members of live public councils: name, role, whom they
represent, term; e-mail and phone only where the member made them public),
/api/v2/council-sittings/ (events that are a council's sitting; approved minutes only),
/api/v2/council-resolutions/ (the registers; `council` id, `kind`, `status`
adopted/rejected, `number`: the number as written, `search`: the site search's analysis)
and /api/v2/council-recruitments/ (recruitment and election announcements of public
councils, their state by the clock). A document in a private collection shows as null.
"""

from functools import cached_property

from django.utils import timezone

from wagtail.api import APIField
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from rest_framework import serializers
from rest_framework.filters import BaseFilterBackend

from api.fields import PublicDocumentURLField
from api.filters import check_search_operator, integer_parameter
from api.parameters import STRING
from api.views import CheckedFindMixin, PublicPagesAPIViewSet
from core.lifecycle_api import state_filter
from pages.cao.models import EventPage
from pages.councils.choices import RESOLUTION_API_VALUES, ResolutionKind
from pages.councils.listing import RESOLUTION_KIND
from pages.councils.models import CouncilPage, Membership, OsiedlePage, Recruitment, Resolution
from pages.councils.state import RECRUITMENT
from search.lists import filter_by_search

INTEGER = {"type": "integer"}


def public_council_ids():
    return CouncilPage.objects.live().public().values("pk")


class PagesOf(PublicPagesAPIViewSet):
    """The public pages of one type (`page_model`)."""

    page_model = CouncilPage

    def get_queryset(self):
        ids = self.get_base_queryset().type(self.page_model).values_list("pk", flat=True)
        return self.page_model.objects.filter(pk__in=ids)


class CouncilsAPIViewSet(PagesOf):
    model = CouncilPage
    page_model = CouncilPage
    name = "councils"
    listing_default_fields = [*PublicPagesAPIViewSet.listing_default_fields, "body_kind"]


class OsiedlaAPIViewSet(PagesOf):
    model = OsiedlePage
    page_model = OsiedlePage
    name = "osiedla"
    listing_default_fields = [*PublicPagesAPIViewSet.listing_default_fields, "district"]


class SittingsAPIViewSet(PagesOf):
    model = EventPage
    page_model = EventPage
    name = "council-sittings"
    listing_default_fields = [
        *PublicPagesAPIViewSet.listing_default_fields,
        "council",
        "starts_at",
        "minutes",
    ]

    def get_queryset(self):
        return super().get_queryset().filter(council__in=public_council_ids())


class CouncilFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        check_search_operator(request)
        if (council := integer_parameter(request, "council")) is not None:
            queryset = queryset.filter(**{view.council_lookup: council})
        if (kind := request.GET.get("kind")) is not None:
            if kind not in ResolutionKind.values:
                raise BadRequestError("kind must be one of: " + ", ".join(ResolutionKind.values))
            queryset = queryset.filter(kind=kind)
        if (status := request.GET.get("status")) is not None:
            if status not in RESOLUTION_API_VALUES:
                raise BadRequestError("status must be one of: adopted, rejected")
            queryset = queryset.filter(status=RESOLUTION_API_VALUES[status])
        if (number := request.GET.get("number")) is not None:
            if "\x00" in number:
                raise BadRequestError("number must not contain NUL")
            queryset = queryset.filter(number__iexact=number.strip())
        if view.search_kind and (search := request.GET.get("search")):
            if "\x00" in search:
                raise BadRequestError("search must not contain NUL")
            # The site search's analysis: a number in any shortening ("567/26"), word
            # forms, typos, synonyms.
            queryset = filter_by_search(queryset, search, view.search_kind)
        return queryset


class ReferenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class CouncilRecordsAPIViewSet(CheckedFindMixin, BaseAPIViewSet):
    """Fields listed here, not on the models: the API is the one place that says what of
    a record is public."""

    api_fields: tuple[APIField, ...] = ()
    custom_filters: tuple[str, ...] = ()
    council_lookup = "council_id"
    search_kind: str | None = None  # ?search= through the site search's index

    @classmethod
    def get_body_fields(cls, model):
        return cls._convert_api_fields([*cls.body_fields, *cls.api_fields])

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if db_fields_only:
            fields = [field for field in fields if field not in cls.custom_filters]
        return fields


class MembersAPIViewSet(CouncilRecordsAPIViewSet):
    model = Membership
    name = "council-members"
    council_lookup = "term__council_id"
    custom_filters = ("council",)
    filter_backends = [CouncilFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["council"])
    openapi_parameters = {"council": ("Numer (id) strony rady.", INTEGER)}
    api_fields = (
        APIField("name"),
        APIField("role"),
        APIField("role_label", serializer=serializers.CharField(source="get_role_display")),
        APIField("represents"),
        APIField("represents_text", serializer=serializers.CharField(read_only=True)),
        APIField("council", serializer=ReferenceSerializer(source="term.council")),
        APIField("term", serializer=serializers.CharField(source="term.name")),
        APIField("term_starts_on", serializer=serializers.DateField(source="term.starts_on")),
        APIField("term_ends_on", serializer=serializers.DateField(source="term.ends_on")),
        APIField("left_on"),
        APIField("email", serializer=serializers.CharField(source="public_email")),
        APIField("phone", serializer=serializers.CharField(source="public_phone")),
    )
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name", "role", "council"]

    def get_queryset(self):
        return (
            Membership.objects.filter(term__council__in=public_council_ids())
            .select_related("term__council", "ngo")
            .order_by("term__council", "-term__starts_on", "sort_order", "pk")
        )


class ResolutionsAPIViewSet(CouncilRecordsAPIViewSet):
    model = Resolution
    name = "council-resolutions"
    custom_filters = ("council", "kind", "status", "number", "search")
    filter_backends = [CouncilFilter]
    search_kind = RESOLUTION_KIND
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(
        ["council", "kind", "status", "number", "search"]
    )
    openapi_parameters = {
        "council": ("Numer (id) strony rady.", INTEGER),
        "kind": ("Rodzaj wpisu.", {"enum": ResolutionKind.values}),
        "status": ("Wynik głosowania.", {"enum": list(RESOLUTION_API_VALUES)}),
        "number": ("Numer, jak go zapisał organ, np. 12/2026.", STRING),
        "search": (
            "Wyszukiwanie jak w wyszukiwarce portalu: formy wyrazów, literówki, "
            "numer w dowolnym skrócie (12/26).",
            STRING,
        ),
    }
    api_fields = (
        APIField("number"),
        APIField("kind"),
        APIField("adopted_on"),
        APIField("title"),
        APIField("subject"),
        APIField("status", serializer=serializers.CharField(source="status_api_value")),
        APIField("status_label", serializer=serializers.CharField(source="get_status_display")),
        APIField("council", serializer=ReferenceSerializer()),
        APIField("document_url", serializer=PublicDocumentURLField(source="document")),
    )
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "number",
        "title",
        "adopted_on",
        "status",
    ]

    def get_queryset(self):
        return (
            Resolution.objects.filter(council__in=public_council_ids())
            .select_related("council", "document")
            .order_by("-adopted_on", "-pk")
        )


class RecruitmentStateField(serializers.Field):
    """`state` (the English value) or `state_label` (as the page says it) of a
    recruitment at the request's one moment."""

    def __init__(self, attribute: str, **kwargs):
        self.attribute = attribute
        self.openapi_schema = (
            {"type": "string", "enum": RECRUITMENT.values}
            if attribute == "value"
            else {"type": "string"}
        )
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, recruitment):
        return getattr(recruitment.state_at(self.context.get("now")), self.attribute)


class RecruitmentPageURLField(serializers.Field):
    """The announcement's page (with the portal's form where the body takes them)."""

    openapi_schema = {"type": "string", "format": "uri"}

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, recruitment):
        url = recruitment.get_url()
        request = self.context.get("request")
        return request.build_absolute_uri(url) if url and request else url


class ApplyURLField(serializers.Field):
    """Where to apply, only while applications are taken (as the page links it)."""

    openapi_schema = {"anyOf": [{"type": "string", "format": "uri"}, {"type": "null"}]}

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, recruitment):
        if recruitment.state_at(self.context.get("now")) != RECRUITMENT.OPEN:
            return None
        if recruitment.takes_applications:
            url = recruitment.get_url()
            request = self.context.get("request")
            return request.build_absolute_uri(url) if url and request else url
        return recruitment.apply_url or None


class RecruitmentsAPIViewSet(CouncilRecordsAPIViewSet):
    """Announcements are public from the moment they are saved (a planned recruitment is
    announced); only their council's page decides: live and with no view restriction."""

    model = Recruitment
    name = "council-recruitments"
    custom_filters = ("council", "state")
    filter_backends = [CouncilFilter, state_filter(RECRUITMENT)]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["council", "state"])
    openapi_parameters = {
        "council": ("Numer (id) strony rady.", INTEGER),
        "state": (
            "Stan naboru teraz: `planned` – zapowiedziany, `open` – trwa, `closed` – zakończony.",
            {"enum": RECRUITMENT.values},
        ),
    }
    api_fields = (
        APIField("title"),
        APIField("kind"),
        APIField("kind_label", serializer=serializers.CharField(source="get_kind_display")),
        APIField("description"),
        APIField("opens_at"),
        APIField("closes_at"),
        APIField("state", serializer=RecruitmentStateField("value")),
        APIField("state_label", serializer=RecruitmentStateField("label")),
        APIField("council", serializer=ReferenceSerializer()),
        APIField("page_url", serializer=RecruitmentPageURLField()),
        APIField("apply_url", serializer=ApplyURLField()),
    )
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "title",
        "council",
        "opens_at",
        "closes_at",
        "state",
    ]

    @cached_property
    def now(self):
        """The request's moment: the state filter and the fields agree."""
        return timezone.now()

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "now": self.now}

    def get_queryset(self):
        return (
            Recruitment.objects.filter(council__in=public_council_ids())
            .select_related("council")
            .order_by("-opens_at", "-pk")
        )
