"""A volunteering offer of one organisation: what, where, when, for whom, what it gives.

A snippet under the approval workflow: an NGO partner proposes it in the NGO zone (a draft
submitted to "Zatwierdzenie przez kierownictwo"), an approver publishes it (or publishes
one an editor wrote). It takes answers until `expires_at` (pages.volunteering.state).
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import DraftStateMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from core.lifecycle import State
from pages.volunteering.state import OFFER

# Below this age a volunteer needs a parent's (or guardian's) written consent.
ADULT_AGE = 18


class VolunteerOfferQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)

    def open(self, now: datetime | None = None):
        return OFFER.filter(self, OFFER.OPEN, now or timezone.now())


class VolunteerOffer(WorkflowMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    ngo = models.ForeignKey(
        "snippets.NGO",
        verbose_name="Organizacja",
        on_delete=models.PROTECT,
        related_name="volunteer_offers",
    )
    title = models.CharField("Czego dotyczy (tytuł)", max_length=200)
    description = models.TextField("Na czym polega wolontariat", max_length=5000)
    area = models.ForeignKey(
        "snippets.PublicBenefitArea",
        verbose_name="Obszar pożytku publicznego",
        on_delete=models.PROTECT,
        related_name="volunteer_offers",
    )
    district = models.ForeignKey(
        "snippets.District",
        verbose_name="Osiedle",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer_offers",
    )
    address = models.CharField("Adres", max_length=200, blank=True)
    remote = models.BooleanField("Zdalnie", default=False, help_text="Można pomagać z domu.")
    starts_on = models.DateField("Od dnia", null=True, blank=True)
    ends_on = models.DateField("Do dnia", null=True, blank=True)
    schedule = models.CharField(
        "Kiedy (harmonogram)",
        max_length=300,
        blank=True,
        help_text="Np. „w każdą sobotę 10:00–13:00” albo „jednorazowo 14 czerwca”.",
    )
    volunteers_needed = models.PositiveSmallIntegerField(
        "Ilu wolontariuszy",
        validators=[MinValueValidator(1), MaxValueValidator(999)],
        default=1,
    )
    min_age = models.PositiveSmallIntegerField(
        "Najniższy wiek",
        null=True,
        blank=True,
        validators=[MinValueValidator(10), MaxValueValidator(99)],
        help_text="Puste: bez ograniczenia. Osoby poniżej 18 lat – za zgodą rodzica.",
    )
    skills = models.TextField("Wymagane umiejętności", max_length=2000, blank=True)
    training = models.BooleanField("Szkolenie", default=False)
    reimbursement = models.BooleanField("Zwrot kosztów", default=False)
    insurance = models.BooleanField("Ubezpieczenie NNW", default=False)
    benefits = models.TextField("Co jeszcze zyskuje wolontariusz", max_length=2000, blank=True)
    expires_at = models.DateTimeField(
        "Zgłoszenia przyjmowane do",
        help_text="Po tej chwili oferta wygasa: zostaje na liście zakończonych, bez formularza.",
    )
    created_at = models.DateTimeField("Utworzono", default=timezone.now, editable=False)

    objects = VolunteerOfferQuerySet.as_manager()

    panels = [
        FieldPanel("ngo"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("area"),
        MultiFieldPanel(
            [FieldPanel("district"), FieldPanel("address"), FieldPanel("remote")], heading="Gdzie"
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldPanel("schedule"),
            ],
            heading="Kiedy",
        ),
        FieldPanel("volunteers_needed"),
        MultiFieldPanel([FieldPanel("min_age"), FieldPanel("skills")], heading="Wymagania"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("training"), FieldPanel("reimbursement"), FieldPanel("insurance")]
                ),
                FieldPanel("benefits"),
            ],
            heading="Co zapewnia organizacja",
        ),
        FieldPanel("expires_at"),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("description"),
        index.SearchField("skills"),
        index.FilterField("live"),
    ]
    api_fields = [
        APIField("title"),
        APIField("description"),
        APIField("address"),
        APIField("remote"),
        APIField("starts_on"),
        APIField("ends_on"),
        APIField("schedule"),
        APIField("volunteers_needed"),
        APIField("min_age"),
        APIField("skills"),
        APIField("training"),
        APIField("reimbursement"),
        APIField("insurance"),
        APIField("benefits"),
        APIField("expires_at"),
    ]

    class Meta:
        verbose_name = "Oferta wolontariatu"
        verbose_name_plural = "Oferty wolontariatu"
        ordering = ["expires_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "Koniec nie może być przed początkiem."
        if not (self.remote or self.district_id or self.address.strip()):
            errors["address"] = "Podaj osiedle albo adres, albo zaznacz „Zdalnie”."
        if not (self.starts_on or self.schedule.strip()):
            errors["schedule"] = "Podaj daty albo opisz harmonogram (np. „w każdą sobotę”)."
        if errors:
            raise ValidationError(errors)

    @property
    def for_minors(self) -> bool:
        return self.min_age is None or self.min_age < ADULT_AGE

    def state_at(self, now: datetime) -> State:
        return OFFER.state_of(self, now)

    @property
    def state(self) -> str:
        return self.state_at(timezone.now()).value

    @property
    def state_label(self) -> str:
        return self.state_at(timezone.now()).label
