"""A small-grant offer (art. 19a), published for seven days for anyone's comments.

The other half: the public pages that show these records are in `pages/registry/`.
"""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import DraftStateMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from core import deadlines
from core.lifecycle import State
from core.models import DeadlineSettings
from snippets.offer_state import COMMENT_DAYS, OFFER

# Art. 19a ust. 1: at most 10 000 zł for a task of at most 90 days.
MAX_SMALL_GRANT = Decimal("10000")
MAX_REALISATION_DAYS = 90


class SmallGrantOfferQuerySet(models.QuerySet):
    def published(self, today: date | None = None):
        """Live offers whose publication day has come."""
        today = today or timezone.localdate()
        return self.filter(live=True, published_on__lte=today)

    def open_for_comments(self, now: datetime | None = None):
        return OFFER.filter(self, OFFER.OPEN, now or timezone.now())

    def closed_for_comments(self, now: datetime | None = None):
        """Published offers whose comment window is over (the rest of `published`)."""
        now = now or timezone.now()
        return OFFER.filter(self.published(deadlines.local_day(now)), OFFER.CLOSED, now)


class SmallGrantOffer(WorkflowMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    class Outcome(models.TextChoices):
        PENDING = "w-toku", "oferta rozpatrywana"
        GRANTED = "dotacja", "przyznano dotację"
        REFUSED = "odmowa", "nie przyznano dotacji"

    ngo = models.ForeignKey(
        "snippets.NGO",
        verbose_name="Organizacja",
        on_delete=models.PROTECT,
        related_name="small_grant_offers",
    )
    title = models.CharField("Tytuł zadania publicznego", max_length=300)
    area = models.ForeignKey(
        "snippets.PublicBenefitArea",
        verbose_name="Obszar pożytku publicznego",
        on_delete=models.PROTECT,
        related_name="small_grant_offers",
    )
    summary = models.TextField("Opis zadania", blank=True)
    amount = models.DecimalField(
        "Wnioskowana kwota (zł)",
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_SMALL_GRANT)],
        help_text="Art. 19a: najwyżej 10 000 zł.",
    )
    received_on = models.DateField("Data wpływu oferty")
    published_on = models.DateField(
        "Data zamieszczenia oferty",
        null=True,
        blank=True,
        help_text="Ustawiana przy publikacji: dzień, w którym oferta naprawdę ukazała się "
        "na stronie. Przez 7 kolejnych dni każdy może zgłosić do niej uwagi (art. 19a ust. 3).",
    )
    comments_close_at = models.DateTimeField(
        "Koniec zbierania uwag",
        null=True,
        blank=True,
        editable=False,
        help_text="24:00 siódmego dnia po dniu zamieszczenia (art. 111 § 2 k.c.), ustalane "
        "przy publikacji.",
    )
    realisation_from = models.DateField("Realizacja od", null=True, blank=True)
    realisation_to = models.DateField("Realizacja do", null=True, blank=True)
    offer_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Oferta (plik)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField(
        "Rozstrzygnięcie", max_length=16, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_note = models.TextField("Rozstrzygnięcie – uzasadnienie", blank=True)

    objects = SmallGrantOfferQuerySet.as_manager()

    panels = [
        FieldPanel("ngo"),
        FieldPanel("title"),
        FieldPanel("area"),
        FieldPanel("summary"),
        FieldPanel("amount"),
        FieldPanel("received_on"),
        FieldRowPanel([FieldPanel("realisation_from"), FieldPanel("realisation_to")]),
        FieldPanel("offer_document"),
        MultiFieldPanel(
            [FieldPanel("outcome"), FieldPanel("outcome_note")], heading="Rozstrzygnięcie"
        ),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("summary"),
        index.FilterField("live"),
    ]
    api_fields = [
        APIField("title"),
        APIField("summary"),
        APIField("amount"),
        APIField("received_on"),
        APIField("published_on"),
        APIField("realisation_from"),
        APIField("realisation_to"),
        APIField("outcome"),
        APIField("outcome_note"),
    ]

    class Meta:
        verbose_name = "Oferta w trybie art. 19a (mały grant)"
        verbose_name_plural = "Oferty w trybie art. 19a (małe granty)"
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.live:
            self.fix_publication()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.received_on and self.published_on and self.published_on < self.received_on:
            errors["published_on"] = "Oferty nie można zamieścić przed dniem jej wpływu."
        if self.realisation_from and self.realisation_to:
            if self.realisation_to < self.realisation_from:
                errors["realisation_to"] = "Koniec realizacji nie może być przed jej początkiem."
            elif (self.realisation_to - self.realisation_from).days + 1 > MAX_REALISATION_DAYS:
                errors["realisation_to"] = (
                    f"Zadanie w trybie art. 19a trwa najwyżej {MAX_REALISATION_DAYS} dni."
                )
        if errors:
            raise ValidationError(errors)

    def fix_publication(self) -> None:
        """Set the publication day and the end of the comment window when the offer goes
        live: the day it actually went live (Wagtail's `first_published_at`), never an
        earlier day typed in advance, so the public gets its full 7 days. Once set, the
        window stays as it was announced."""
        went_live = self.first_published_at
        day = self.published_on
        if went_live is not None and (day is None or day < deadlines.local_day(went_live)):
            day = deadlines.local_day(went_live)
        day = day or timezone.localdate()
        if day != self.published_on or self.comments_close_at is None:
            extend = DeadlineSettings.load().extend_to_working_day
            self.published_on = day
            self.comments_close_at = deadlines.term_end(day, COMMENT_DAYS, extend=extend)

    def with_content_json(self, content):
        """The publication day and the window are facts of the publication, not of one
        revision: a revision saved as a draft before it keeps them as they are."""
        obj = super().with_content_json(content)
        obj.published_on = self.published_on
        obj.comments_close_at = self.comments_close_at
        return obj

    def state_at(self, now: datetime) -> State:
        return OFFER.state_of(self, now)

    @property
    def state(self) -> str:
        return self.state_at(timezone.now()).value

    @property
    def state_label(self) -> str:
        return self.state_at(timezone.now()).label

    def comments_open_at(self, now: datetime) -> bool:
        return self.state_at(now) == OFFER.OPEN

    @property
    def comments_are_open(self) -> bool:
        return self.comments_open_at(timezone.now())
