"""A small-grant offer (art. 19a), published for seven days for anyone's comments."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import DraftStateMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

# Art. 19a ust. 1: at most 10 000 zł for a task of at most 90 days.
MAX_SMALL_GRANT = Decimal("10000")
MAX_REALISATION_DAYS = 90
# Art. 19a ust. 3: "within 7 days of the day the offer is published": counted as the
# Civil Code counts (art. 111 § 2), the publication day itself is not one of them.
COMMENT_DAYS = 7


def comment_window(published_on: date) -> tuple[datetime, datetime]:
    """(opens, closes) of the comment window of an offer published on PUBLISHED_ON.

    It opens at the start of the publication day and closes at the end of the seventh
    day after it (midnight, Warsaw time): published on 1 March, comments until the
    end of 8 March.
    """
    zone = timezone.get_default_timezone()
    opens = timezone.make_aware(datetime.combine(published_on, time.min), zone)
    closes_day = published_on + timedelta(days=COMMENT_DAYS + 1)
    closes = timezone.make_aware(datetime.combine(closes_day, time.min), zone)
    return opens, closes


def comments_open(published_on: date | None, now: datetime) -> bool:
    if published_on is None:
        return False
    opens, closes = comment_window(published_on)
    return opens <= now < closes


class SmallGrantOfferQuerySet(models.QuerySet):
    def published(self, today: date | None = None):
        """Live offers whose publication day has come."""
        today = today or timezone.localdate()
        return self.filter(live=True, published_on__lte=today)

    def open_for_comments(self, now: datetime | None = None):
        today = timezone.localdate(now or timezone.now())
        return self.published(today).filter(published_on__gte=today - timedelta(days=COMMENT_DAYS))

    def closed_for_comments(self, now: datetime | None = None):
        """Published offers whose comment window is over (the rest of `published`)."""
        today = timezone.localdate(now or timezone.now())
        return self.published(today).filter(published_on__lt=today - timedelta(days=COMMENT_DAYS))


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
        help_text="Od tego dnia oferta jest na stronie, a przez 7 kolejnych dni każdy może "
        "zgłosić do niej uwagi (art. 19a ust. 3).",
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
        FieldRowPanel([FieldPanel("received_on"), FieldPanel("published_on")]),
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

    @property
    def comment_window(self) -> tuple[datetime, datetime]:
        return comment_window(self.published_on)

    @property
    def comments_close_at(self) -> datetime:
        return self.comment_window[1]

    def comments_open_at(self, now: datetime) -> bool:
        return comments_open(self.published_on, now)

    @property
    def comments_are_open(self) -> bool:
        return self.comments_open_at(timezone.now())
