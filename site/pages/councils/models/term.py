"""A council's term of office and its members.

A member may leave during a term (`left_on`) and is then shown as a past member; members
of a past term are past members. Contact data are shown only where the member agreed
(`contact_public`); otherwise they stay in the admin.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from pages.councils.choices import Represents, Role


class CouncilTerm(ClusterableModel):
    invalidates_page_cache = True  # shown on the council's page as saved
    page_cache_page_model = "councils.councilpage"

    council = models.ForeignKey(
        "councils.CouncilPage",
        verbose_name="Organ",
        on_delete=models.CASCADE,
        related_name="terms_set",
    )
    name = models.CharField("Nazwa kadencji", max_length=120, help_text="np. Kadencja 2025–2028")
    starts_on = models.DateField("Początek kadencji")
    ends_on = models.DateField("Koniec kadencji", null=True, blank=True)
    appointed_by = models.CharField(
        "Powołanie", max_length=255, blank=True, help_text="np. zarządzenie Prezydenta nr …"
    )

    panels = [
        FieldPanel("council"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("appointed_by"),
        InlinePanel("memberships", heading="Członkowie", label="Członek"),
    ]

    class Meta:
        verbose_name = "Kadencja"
        verbose_name_plural = "Kadencje"
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.council.title}: {self.name}" if self.council_id else self.name

    @property
    def page_cache_page_id(self):
        return self.council_id

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "Koniec kadencji nie może być przed jej początkiem."})


class Membership(Orderable):
    invalidates_page_cache = True
    page_cache_page_model = "councils.councilpage"

    term = ParentalKey(CouncilTerm, on_delete=models.CASCADE, related_name="memberships")
    name = models.CharField("Imię i nazwisko", max_length=160)
    role = models.CharField("Funkcja", max_length=20, choices=Role.choices, default=Role.MEMBER)
    represents = models.CharField(
        "Kogo reprezentuje", max_length=20, choices=Represents.choices, default=Represents.NGO
    )
    ngo = models.ForeignKey(
        "snippets.NGO",
        verbose_name="Organizacja z rejestru",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_memberships",
    )
    represents_note = models.CharField(
        "Reprezentuje – opis",
        max_length=255,
        blank=True,
        help_text="np. nazwa szkoły, klub radnych",
    )
    left_on = models.DateField(
        "Odszedł/odeszła z organu", null=True, blank=True, help_text="Puste – do końca kadencji."
    )
    email = models.EmailField("E-mail", blank=True)
    phone = models.CharField("Telefon", max_length=40, blank=True)
    contact_public = models.BooleanField(
        "Dane kontaktowe publiczne",
        default=False,
        help_text="Zaznacz tylko za zgodą członka: wtedy e-mail i telefon są na stronie i w API.",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("represents"), FieldPanel("ngo")]),
        FieldPanel("represents_note"),
        FieldPanel("left_on"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("contact_public"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Członek organu"
        verbose_name_plural = "Członkowie organu"

    def __str__(self) -> str:
        return self.name

    @property
    def page_cache_page_id(self):
        return self.term.council_id if self.term_id else None

    def clean(self):
        super().clean()
        if self.represents == Represents.NGO and self.ngo_id is None and not self.represents_note:
            raise ValidationError(
                {"ngo": "Wybierz organizację z rejestru albo opisz, kogo członek reprezentuje."}
            )

    @property
    def represents_text(self) -> str:
        # An organisation's name is shown once its registry record is published.
        if self.represents == Represents.NGO and self.ngo_id and self.ngo.live:
            return self.ngo.name
        return self.represents_note or self.get_represents_display()

    def is_past(self, today=None, term=None) -> bool:
        """Left the body, or belongs to a term that is over (TERM: this one, already
        loaded by the caller)."""
        today = today or timezone.localdate()
        term = term or self.term
        if self.left_on is not None and self.left_on <= today:
            return True
        return term.ends_on is not None and term.ends_on < today

    @property
    def public_email(self) -> str:
        return self.email if self.contact_public else ""

    @property
    def public_phone(self) -> str:
        return self.phone if self.contact_public else ""
