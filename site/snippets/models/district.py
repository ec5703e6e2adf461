"""A district (dzielnica, osiedle) of the city, for consultations and the NGO registry."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.search import index


class District(index.Indexed, models.Model):
    name = models.CharField("Nazwa", max_length=120, unique=True)
    slug = models.SlugField(
        "Identyfikator w adresie", max_length=120, unique=True, allow_unicode=False
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    api_fields = [APIField("name"), APIField("slug")]

    class Meta:
        verbose_name = "Dzielnica"
        verbose_name_plural = "Dzielnice"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
