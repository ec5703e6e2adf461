"""A district (dzielnica, osiedle) of the city, for consultations, the NGO registry and
the osiedle budgets.

An osiedle is one of the city's auxiliary units (jednostki pomocnicze gminy): it has an
official name from the council's statute and a population, from which an osiedle budget's
pool can be computed (pages/budget). Other districts (informal parts of the city) leave
those fields empty.
"""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.search import index


class District(index.Indexed, models.Model):
    name = models.CharField("Nazwa", max_length=120, unique=True)
    slug = models.SlugField(
        "Identyfikator w adresie", max_length=120, unique=True, allow_unicode=False
    )
    is_osiedle = models.BooleanField(
        "Osiedle (jednostka pomocnicza)",
        default=False,
        help_text="Zaznacz dla osiedli – jednostek pomocniczych miasta, które mają własną "
        "pulę budżetu partycypacyjnego.",
    )
    official_name = models.CharField(
        "Nazwa urzędowa",
        max_length=200,
        blank=True,
        help_text="Nazwa ze statutu osiedla, np. „Osiedle Centrum”.",
    )
    population = models.PositiveIntegerField(
        "Liczba mieszkańców",
        null=True,
        blank=True,
        help_text="Podstawa wyliczenia puli osiedla (liczba mieszkańców × stawka edycji).",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("is_osiedle"),
        FieldPanel("official_name"),
        FieldPanel("population"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    api_fields = [
        APIField("name"),
        APIField("slug"),
        APIField("is_osiedle"),
        APIField("official_name"),
        APIField("population"),
    ]

    class Meta:
        verbose_name = "Dzielnica"
        verbose_name_plural = "Dzielnice"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """The official name where one is known (an osiedle), else the common one."""
        return self.official_name or self.name
