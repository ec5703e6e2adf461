"""How to become a member: a recruitment or an election, with its own dates and its own
public page (`<council>/nabor/<id>/`).

A body that recruits openly takes applications either on the portal's own form (a
route of its council's page, through core.public_forms: `CouncilApplication`) or at
the address of a form elsewhere (`apply_url`)."""

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
    takes_applications = models.BooleanField(
        "Zgłoszenia przez formularz portalu",
        default=False,
        help_text="Kandydaci zgłaszają się na stronie organu, w czasie naboru; zgłoszenia są "
        "w „Rady i osiedla → Zgłoszenia kandydatów”.",
    )
    seats = models.TextField(
        "Miejsca do obsadzenia",
        blank=True,
        help_text="Po jednym w wierszu, np. okręgi wyborcze albo szkoły; kandydat wybiera "
        "jedno. Puste – bez wyboru miejsca.",
    )
    apply_url = models.URLField(
        "Formularz zgłoszenia gdzie indziej",
        blank=True,
        help_text="Adres formularza poza portalem, gdy organ przyjmuje zgłoszenia tam.",
    )

    panels = [
        FieldPanel("council"),
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("takes_applications"),
        FieldPanel("seats"),
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
        if self.takes_applications and self.apply_url:
            raise ValidationError(
                {
                    "apply_url": "Wybierz jedno: formularz portalu albo adres formularza "
                    "gdzie indziej (kandydat nie powinien zgłaszać się dwa razy)."
                }
            )

    @property
    def seat_list(self) -> list[str]:
        return [line.strip() for line in self.seats.splitlines() if line.strip()]

    def get_url(self) -> str | None:
        """The announcement's own page (a route of the council's page), with the portal's
        form when the body takes applications there; None while the council has no URL."""
        council = self.council
        url = council.url
        return url + council.reverse_subpage("recruitment", args=[self.pk]) if url else None

    # The form is on the announcement's page (tests and older callers name it so).
    form_url = get_url

    def state_at(self, now=None):
        return RECRUITMENT.state_of(self, now or timezone.now())

    @property
    def state(self):
        return self.state_at()
