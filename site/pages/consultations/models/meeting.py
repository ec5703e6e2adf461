"""A meeting of a consultation (an inline of the consultation page)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.models import Orderable


class ConsultationMeeting(Orderable):
    """A meeting where residents can speak in person: when and where."""

    page = ParentalKey(
        "consultations.ConsultationPage", on_delete=models.CASCADE, related_name="meetings"
    )
    starts_at = models.DateTimeField("Początek")
    ends_at = models.DateTimeField("Koniec", null=True, blank=True)
    place = models.CharField(
        "Miejsce", max_length=200, help_text="np. Sala sesyjna, Pałac Kultury Zagłębia"
    )
    address = models.CharField("Adres", max_length=200, blank=True)
    online_url = models.URLField("Link do spotkania online", blank=True)
    notes = models.CharField(
        "Uwagi", max_length=255, blank=True, help_text="np. zapisy, tłumacz PJM, dostępność"
    )

    panels = [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("place"),
        FieldPanel("address"),
        FieldPanel("online_url"),
        FieldPanel("notes"),
    ]
    api_fields = [
        APIField("starts_at"),
        APIField("ends_at"),
        APIField("place"),
        APIField("address"),
        APIField("online_url"),
        APIField("notes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Spotkanie konsultacyjne"
        verbose_name_plural = "Spotkania konsultacyjne"

    def __str__(self) -> str:
        return f"{self.place}, {timezone.localtime(self.starts_at):%d.%m.%Y %H:%M}"

    def clean(self):
        super().clean()
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "Koniec musi być późniejszy niż początek."})

    @property
    def location(self) -> str:
        return ", ".join(part for part in (self.place, self.address) if part)
