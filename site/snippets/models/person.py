"""A person of the department, edited once and shown on teams and in the directory."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.search import index


class Person(index.Indexed, models.Model):
    name = models.CharField("Imię i nazwisko", max_length=120)
    position = models.CharField(
        "Stanowisko", max_length=200, help_text="np. Inspektor, Zastępca Naczelnika"
    )
    phone = models.CharField("Telefon", max_length=32, blank=True)
    email = models.EmailField("E-mail", blank=True)
    sort_order = models.PositiveIntegerField(
        "Kolejność", default=100, help_text="Mniejsza liczba – wyżej na listach."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("position"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("position"),
    ]
    api_fields = [APIField("name"), APIField("position"), APIField("phone"), APIField("email")]

    class Meta:
        verbose_name = "Osoba"
        verbose_name_plural = "Osoby"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return f"{self.name} – {self.position}"
