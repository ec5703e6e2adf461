"""The areas of public benefit activity (art. 4 ust. 1 of the Act of 24 April 2003)."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.search import index


class PublicBenefitArea(index.Indexed, models.Model):
    """One point of art. 4 ust. 1: a managed list, seeded from the Act by a migration,
    which editors keep current when the Act changes."""

    number = models.CharField(
        "Punkt art. 4 ust. 1",
        max_length=8,
        unique=True,
        help_text="Numer punktu w ustawie, np. 1, 1a, 32a; służy też jako wartość filtra.",
    )
    name = models.CharField("Zakres zadań", max_length=400)
    short_name = models.CharField(
        "Nazwa skrócona",
        max_length=120,
        blank=True,
        help_text="Pokazywana w filtrach i na listach; gdy pusta – pełny zakres.",
    )
    sort_order = models.PositiveIntegerField("Kolejność", default=0)

    panels = [
        FieldPanel("number"),
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    api_fields = [APIField("number"), APIField("name"), APIField("short_name")]

    class Meta:
        verbose_name = "Obszar pożytku publicznego"
        verbose_name_plural = "Obszary pożytku publicznego"
        ordering = ["sort_order", "number"]

    def __str__(self) -> str:
        return f"{self.number}) {self.label}"

    @property
    def label(self) -> str:
        return self.short_name or self.name
