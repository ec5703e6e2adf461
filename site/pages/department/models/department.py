from django.db import models

from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import BasePage
from core.shared_fragments import deferred
from pages.department.models.team import TeamPage
from pages.department.structured_data import organisation_json_ld
from snippets.serializers import PersonSerializer


class DutyBlock(blocks.StructBlock):
    number = blocks.IntegerBlock(label="Numer", min_value=1)
    text = blocks.TextBlock(label="Treść zadania")

    class Meta:
        icon = "list-ol"
        label = "Zadanie"


class DutyAreaBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Obszar zadań")
    duties = blocks.ListBlock(DutyBlock(), label="Zadania")

    class Meta:
        icon = "folder-open-inverse"
        label = "Obszar zadań"


class DepartmentPage(BasePage):
    """The department: where it is, who leads it and what it is for."""

    page_cache_lists = ("snippets.person",)  # its teams are its children

    centre_name = models.CharField(
        "Jednostka w strukturze wydziału",
        max_length=200,
        blank=True,
        help_text="np. Centrum Aktywności Obywatelskiej",
    )
    institution_name = models.CharField(
        "Urząd", max_length=200, default="Urząd Miejski w Dąbrowie Górniczej"
    )
    street_address = models.CharField("Ulica i numer", max_length=200)
    postal_code = models.CharField("Kod pocztowy", max_length=6)
    city = models.CharField("Miejscowość", max_length=100, default="Dąbrowa Górnicza")
    secretariat_phone = models.CharField("Telefon sekretariatu", max_length=32, blank=True)
    duties_intro = models.CharField(
        "Wstęp do listy zadań",
        max_length=255,
        blank=True,
        default="Do zadań wydziału należy w szczególności:",
    )
    duty_areas = StreamField(
        [("area", DutyAreaBlock())], blank=True, verbose_name="Zadania wydziału"
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name="Dodatkowa treść")

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("centre_name"),
        MultiFieldPanel(
            [
                FieldPanel("institution_name"),
                FieldPanel("street_address"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
                FieldPanel("secretariat_phone"),
            ],
            heading="Adres i kontakt",
        ),
        InlinePanel("leaders", label="Kierownictwo", heading="Kierownictwo"),
        FieldPanel("duties_intro"),
        FieldPanel("duty_areas"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("centre_name"),
        index.SearchField("duty_areas"),
        index.SearchField("body"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("centre_name"),
        APIField("institution_name"),
        APIField("street_address"),
        APIField("postal_code"),
        APIField("city"),
        APIField("secretariat_phone"),
        APIField("leaders"),
        APIField("duties_intro"),
        APIField("duty_areas"),
        APIField("body"),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.TeamPage", "pages.StandardPage"]

    class Meta:
        verbose_name = "Wydział"
        verbose_name_plural = "Wydziały"

    @property
    def address_line(self) -> str:
        return f"{self.street_address}, {self.postal_code} {self.city}"

    def teams(self) -> list:
        """Live, public teams with their members (read once per page object: the page and
        its schema.org data both list them)."""
        if not hasattr(self, "_teams"):
            self._teams = list(
                TeamPage.objects.child_of(self)
                .live()
                .public()
                .prefetch_related("members__person")
                .order_by("path")
            )
        return self._teams

    def leader_list(self):
        if not hasattr(self, "_leader_list"):
            self._leader_list = list(self.leaders.select_related("person").all())
        return self._leader_list

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Shown only in the page's shared part (core.shared_fragments): read when it renders.
        context["teams"] = deferred(lambda: list(self.teams()))
        return context

    def get_json_ld(self, request):
        return organisation_json_ld(self, request)


class DepartmentLeader(Orderable):
    page = ParentalKey(DepartmentPage, on_delete=models.CASCADE, related_name="leaders")
    person = models.ForeignKey(
        "snippets.Person",
        on_delete=models.PROTECT,
        related_name="leader_roles",
        verbose_name="Osoba",
    )
    role = models.CharField(
        "Funkcja",
        max_length=255,
        help_text="np. Pełnomocnik Prezydenta Miasta ds. … – Naczelnik",
    )

    panels = [FieldPanel("person"), FieldPanel("role")]
    api_fields = [APIField("person", serializer=PersonSerializer()), APIField("role")]

    class Meta(Orderable.Meta):
        verbose_name = "Funkcja kierownicza"
        verbose_name_plural = "Kierownictwo"
