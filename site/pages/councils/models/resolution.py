"""The register of a council's resolutions, opinions and positions.

A number is written as the body writes it ("12/2026"); the search finds it in every
shortening (search.analysis). An entry is public while its council's page is live and
public; a document in a private collection is not linked.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from pages.councils.choices import ResolutionKind, ResolutionStatus

NUMBER_RE = re.compile(r"^[0-9A-Za-z]+(?:[/.\-][0-9A-Za-z]+)*$")


class Resolution(ClusterableModel):
    invalidates_page_cache = True  # the council's and osiedla's pages list it
    page_cache_page_model = "councils.councilpage"

    council = models.ForeignKey(
        "councils.CouncilPage",
        verbose_name="Organ",
        on_delete=models.PROTECT,
        related_name="resolutions",
    )
    kind = models.CharField(
        "Rodzaj", max_length=20, choices=ResolutionKind.choices, default=ResolutionKind.RESOLUTION
    )
    number = models.CharField("Numer", max_length=40, help_text="np. 12/2026")
    adopted_on = models.DateField("Data podjęcia")
    title = models.CharField("Tytuł", max_length=255, help_text="np. w sprawie projektu programu …")
    subject = models.TextField("Czego dotyczy", blank=True)
    status = models.CharField(
        "Wynik głosowania",
        max_length=20,
        choices=ResolutionStatus.choices,
        default=ResolutionStatus.ADOPTED,
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Dokument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sitting = models.ForeignKey(
        "cao.EventPage",
        verbose_name="Posiedzenie",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resolutions",
        help_text="Puste, gdy podjęto ją w trybie obiegowym.",
    )
    districts = ParentalManyToManyField(
        "snippets.District",
        verbose_name="Dotyczy osiedli",
        blank=True,
        related_name="council_resolutions",
        help_text="Osiedla, na których stronach ma się pojawić (rada osiedla – zawsze na swoim).",
    )

    panels = [
        FieldPanel("council"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("number"), FieldPanel("adopted_on")]),
        FieldPanel("title"),
        FieldPanel("subject"),
        FieldPanel("status"),
        FieldPanel("document"),
        FieldPanel("sitting"),
        FieldPanel("districts"),
    ]

    class Meta:
        verbose_name = "Uchwała lub opinia"
        verbose_name_plural = "Rejestr uchwał i opinii"
        ordering = ["-adopted_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "kind", "number"], name="councils_resolution_number_unique"
            )
        ]

    def __str__(self) -> str:
        return self.heading

    @property
    def heading(self) -> str:
        return f"{self.get_kind_display()} nr {self.number} – {self.title}"

    @property
    def page_cache_page_id(self):
        return self.council_id

    @property
    def status_api_value(self) -> str:
        return ResolutionStatus(self.status).api_value

    def clean(self):
        super().clean()
        number = (self.number or "").strip()
        self.number = number
        if number and not NUMBER_RE.match(number):
            raise ValidationError(
                {
                    "number": "Numer zapisz tak, jak nadał go organ, np. 12/2026 (cyfry, litery, "
                    "ukośniki, kropki lub myślniki, bez spacji)."
                }
            )
        if self.sitting_id and self.council_id and self.sitting.council_id != self.council_id:
            raise ValidationError({"sitting": "To posiedzenie należy do innego organu."})

    def get_url(self) -> str | None:
        council = self.council
        url = council.url
        return url + council.reverse_subpage("resolution", args=[self.pk]) if url else None
