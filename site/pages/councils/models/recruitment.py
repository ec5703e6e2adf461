"""How to become a member: a recruitment or an election, with its own dates."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField

from pages.councils.choices import RecruitmentKind
from pages.councils.state import RECRUITMENT


class Recruitment(models.Model):
    invalidates_page_cache = True
    page_cache_page_model = "councils.councilpage"

    council = models.ForeignKey(
        "councils.CouncilPage",
        verbose_name="Organ",
        on_delete=models.CASCADE,
        related_name="recruitments",
    )
    kind = models.CharField(
        "Rodzaj",
        max_length=20,
        choices=RecruitmentKind.choices,
        default=RecruitmentKind.RECRUITMENT,
    )
    title = models.CharField("Tytuł ogłoszenia", max_length=255)
    description = RichTextField("Kto może zgłosić się i jak", blank=True)
    opens_at = models.DateTimeField("Zgłoszenia od")
    closes_at = models.DateTimeField("Zgłoszenia do")
    apply_url = models.URLField(
        "Formularz zgłoszenia",
        blank=True,
        help_text="Adres formularza, gdy organ przyjmuje zgłoszenia przez internet.",
    )

    panels = [
        FieldPanel("council"),
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("apply_url"),
    ]

    class Meta:
        verbose_name = "Nabór lub wybory"
        verbose_name_plural = "Nabory i wybory"
        ordering = ["-opens_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def page_cache_page_id(self):
        return self.council_id

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "Koniec naboru musi być później niż początek."})

    def state_at(self, now=None):
        return RECRUITMENT.state_of(self, now or timezone.now())

    @property
    def state(self):
        return self.state_at()
