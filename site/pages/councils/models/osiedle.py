"""The osiedla (the city's auxiliary units): one page for each osiedle District.

What concerns an osiedle is computed from the District links the other apps keep
(consultations, budget pools and projects, local initiatives, events, council
resolutions), never entered twice; each list costs one query, however long it is.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from rest_framework import serializers

from api.fields import PublicDocumentURLField
from core.models import BasePage
from pages.budget.models import BudgetEditionPage, BudgetPool, BudgetProject
from pages.cao.models.event import EventPage
from pages.consultations.models import ConsultationPage
from pages.councils import boundary_map, geojson
from pages.councils.documents import public_document
from pages.councils.models.council import COUNCIL_CACHE_LISTS, CouncilPage
from pages.councils.models.resolution import Resolution
from pages.initiatives.models.application import Initiative
from pages.initiatives.models.index import InitiativeIndexPage
from pages.initiatives.models.rules import InitiativeRulesPage
from snippets.serializers import DistrictSerializer

LIST_LIMIT = 20


class PublicCouncilIdField(serializers.Field):
    """The osiedle council's page id when anyone may read that page, else null: the API
    names no restricted or unpublished council."""

    openapi_schema = {"anyOf": [{"type": "integer"}, {"type": "null"}]}

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        council = page.public_council()
        return council.pk if council else None


def _public_editions():
    return BudgetEditionPage.objects.live().public().values("pk")


def _public_councils():
    return CouncilPage.objects.live().public().values("pk")


def _with_urls(projects):
    """PROJECTS with `public_url` (under their budget's page), the pages read in one query."""
    step = Page.steplen
    paths = {project.edition.path[:-step] for project in projects}
    indexes = {page.path: page for page in Page.objects.filter(path__in=paths)}
    for project in projects:
        index = indexes.get(project.edition.path[:-step])
        url = index.get_url() if index else None
        project.public_url = f"{url}projekty/{project.pk}/" if url else None
    return projects


class OsiedleIndexPage(BasePage):
    page_cache_lists = COUNCIL_CACHE_LISTS

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["councils.OsiedlePage"]

    class Meta:
        verbose_name = "Osiedla"
        verbose_name_plural = "Osiedla"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["osiedla"] = list(
            OsiedlePage.objects.child_of(self)
            .live()
            .public()
            .select_related("district")
            .order_by("district__name")
        )
        return context


class OsiedlePage(BasePage):
    page_cache_lists = (
        *COUNCIL_CACHE_LISTS,
        "consultations.consultationpage",
        "budget.budgetpool",
        "budget.budgetproject",
        "initiatives.initiative",
        "snippets.district",
    )

    district = models.OneToOneField(
        "snippets.District",
        verbose_name="Osiedle",
        on_delete=models.PROTECT,
        related_name="osiedle_page",
        limit_choices_to={"is_osiedle": True},
    )
    council = models.ForeignKey(
        "councils.CouncilPage",
        verbose_name="Rada osiedla",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="osiedle_pages",
    )
    boundaries = RichTextField(
        "Granice osiedla", blank=True, help_text="Opis słowny: ulice i miejsca na granicy."
    )
    boundaries_geojson = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Granice – plik GeoJSON",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Opcjonalnie: plik .geojson z obszarem osiedla (Polygon lub MultiPolygon).",
    )
    # The outline drawn from the GeoJSON when the page is saved (boundary_map), and the
    # file's digest it was drawn from, so an unchanged file is not drawn again.
    boundaries_map = models.TextField("Zarys granic (SVG)", blank=True, editable=False)
    boundaries_hash = models.CharField(max_length=64, blank=True, editable=False)
    email = models.EmailField("E-mail", blank=True)
    phone = models.CharField("Telefon", max_length=40, blank=True)
    address = models.CharField("Adres siedziby", max_length=255, blank=True)
    office_hours = models.CharField("Dyżury", max_length=255, blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("district"), FieldPanel("council")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldRowPanel([FieldPanel("address"), FieldPanel("office_hours")]),
            ],
            heading="Kontakt",
        ),
        FieldPanel("boundaries"),
        FieldPanel("boundaries_geojson"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("boundaries")]
    api_fields = [
        *BasePage.api_fields,
        APIField("district", serializer=DistrictSerializer()),
        APIField("council_id", serializer=PublicCouncilIdField()),
        APIField("email"),
        APIField("phone"),
        APIField("address"),
        APIField("office_hours"),
        APIField("boundaries"),
        APIField(
            "boundaries_geojson_url",
            serializer=PublicDocumentURLField(source="boundaries_geojson"),
        ),
    ]

    parent_page_types = ["councils.OsiedleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Osiedle"
        verbose_name_plural = "Osiedla"

    def clean(self):
        super().clean()
        if self.district_id and not self.district.is_osiedle:
            raise ValidationError(
                {"district": "Wybierz osiedle (dzielnicę oznaczoną jako jednostka pomocnicza)."}
            )
        document = self.boundaries_geojson
        if document is None:
            self.boundaries_map = self.boundaries_hash = ""
            return
        if document.file_extension.lower() not in geojson.EXTENSIONS:
            raise ValidationError(
                {"boundaries_geojson": "Plik granic musi mieć rozszerzenie .geojson lub .json."}
            )
        try:
            with document.open_file() as handle:
                raw = handle.read(geojson.MAX_BYTES + 1)
            data = geojson.validate(raw)
        except geojson.GeoJSONError as error:
            raise ValidationError({"boundaries_geojson": str(error)}) from error
        except OSError as error:
            raise ValidationError(
                {"boundaries_geojson": "Nie można odczytać pliku granic – dodaj go ponownie."}
            ) from error
        digest = hashlib.sha256(raw).hexdigest()
        if digest != self.boundaries_hash:
            try:
                self.boundaries_map = boundary_map.svg_path(data)
            except geojson.GeoJSONError as error:  # too detailed to draw (boundary_map)
                raise ValidationError({"boundaries_geojson": str(error)}) from error
            self.boundaries_hash = digest

    # What concerns the osiedle -------------------------------------------------------

    def public_council(self):
        """Its council's page when anyone may read it (live, with no view restriction on
        it or above), else None: a restricted council is neither named nor linked."""
        if self.council_id is None:
            return None
        return CouncilPage.objects.live().public().filter(pk=self.council_id).first()

    def public_boundaries_file(self):
        """The GeoJSON file when anyone may read it; one in a private collection is not
        linked (its address would lead to a login and its title say what it is)."""
        return public_document(self.boundaries_geojson)

    def consultations(self):
        return (
            ConsultationPage.objects.live()
            .public()
            .filter(districts=self.district_id)
            .order_by("-first_published_at")[:LIST_LIMIT]
        )

    def events(self, now=None):
        """Upcoming live public events in the osiedle (sittings of its council too)."""
        query = models.Q(districts=self.district_id)
        if self.council_id:
            query |= models.Q(council_id=self.council_id)
        return (
            EventPage.objects.live()
            .public()
            .filter(query)
            .filter(EventPage.upcoming_q(now))
            .distinct()
            .order_by("starts_at", "pk")[:LIST_LIMIT]
        )

    def budget_pools(self):
        return (
            BudgetPool.objects.filter(district_id=self.district_id, edition__in=_public_editions())
            .select_related("edition")
            .order_by("-edition__year", "sort_order")[:LIST_LIMIT]
        )

    def budget_projects(self):
        return (
            BudgetProject.objects.filter(
                models.Q(pool__district_id=self.district_id)
                | models.Q(district_id=self.district_id),
                confirmed_at__isnull=False,
                hidden=False,
                edition__in=_public_editions(),
            )
            .select_related("edition", "pool")
            .order_by("-submitted_at")[:LIST_LIMIT]
        )

    def initiatives(self):
        """Public local initiatives in the osiedle (the register's entries: confirmed,
        not hidden, under live public rules), each with `public_url` in the register."""
        initiatives = list(
            Initiative.objects.public()
            .filter(
                district_id=self.district_id,
                rules__in=InitiativeRulesPage.objects.live().public().values("pk"),
            )
            .select_related("rules")
            .order_by("-rules__year", "-submitted_at", "-pk")[:LIST_LIMIT]
        )
        if initiatives:
            # One register for the site (InitiativeIndexPage.max_count == 1).
            index = InitiativeIndexPage.objects.live().public().first()
            base = index.url if index else None
            for initiative in initiatives:
                initiative.public_url = f"{base}wnioski/{initiative.pk}/" if base else None
        return initiatives

    def resolutions(self):
        """Its council's resolutions and those of other bodies that name the osiedle."""
        query = models.Q(districts=self.district_id)
        if self.council_id:
            query |= models.Q(council_id=self.council_id)
        return (
            Resolution.objects.filter(query, council__in=_public_councils())
            .select_related("council", "document")
            .distinct()
            .order_by("-adopted_on", "-pk")[:LIST_LIMIT]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context.update(
            consultations=list(self.consultations()),
            events=list(self.events(now)),
            budget_pools=list(self.budget_pools()),
            budget_projects=_with_urls(list(self.budget_projects())),
            initiatives=self.initiatives(),
            resolutions=list(self.resolutions()),
            public_council=self.public_council(),
            boundaries_file=self.public_boundaries_file(),
            boundaries_map_size=boundary_map.SIZE,
        )
        return context
