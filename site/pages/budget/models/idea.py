"""The optional ideas and priorities phase: a resident sends an idea, or votes for a
priority (a category, optionally for one osiedle), without an account.

An idea is public only after the staff publish it (moderation: they may shorten its
text to take out anything personal); the e-mail, given only for a receipt and the
answer, is never public and goes when retention ends. The staff answer an idea publicly
or turn it into a draft project (a hidden project entered by staff, which they complete
and show). Priority votes are shown as counts per category, never one by one.
"""

from datetime import datetime

from django.db import models
from django.utils import timezone

from core.models import Submission
from pages.budget.choices import Category


class IdeaKind(models.TextChoices):
    IDEA = "pomysl", "Pomysł"
    PRIORITY = "priorytet", "Głos na priorytet"


class Moderation(models.TextChoices):
    PENDING = "do-moderacji", "Czeka na moderację"
    PUBLISHED = "opublikowany", "Opublikowany"
    REJECTED = "odrzucony", "Nie do publikacji"


class IdeaQuerySet(models.QuerySet):
    def public(self):
        """Ideas the public sees: published by the staff, in a live edition."""
        return self.filter(kind=IdeaKind.IDEA, moderation=Moderation.PUBLISHED, edition__live=True)

    def counted_votes(self):
        """Priority votes counted publicly: all but those the staff set aside (spam)."""
        return self.filter(kind=IdeaKind.PRIORITY, edition__live=True).exclude(
            moderation=Moderation.REJECTED
        )


class BudgetIdea(Submission):
    invalidates_page_cache = True  # published ideas, answers and counts show at once

    edition = models.ForeignKey(
        "budget.BudgetEditionPage",
        verbose_name="Edycja",
        on_delete=models.PROTECT,
        related_name="ideas",
    )
    kind = models.CharField("Rodzaj", max_length=16, choices=IdeaKind.choices)
    category = models.CharField("Kategoria (priorytet)", max_length=20, choices=Category.choices)
    district = models.ForeignKey(
        "snippets.District",
        verbose_name="Osiedle",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_ideas",
        limit_choices_to={"is_osiedle": True},
    )
    title = models.CharField("Tytuł pomysłu", max_length=200, blank=True)
    description = models.TextField("Opis pomysłu", max_length=3000, blank=True)
    email = models.EmailField("E-mail (do potwierdzenia i odpowiedzi)", blank=True)

    moderation = models.CharField(
        "Moderacja",
        max_length=16,
        choices=Moderation.choices,
        default=Moderation.PENDING,
        db_index=True,
        help_text="Publikuj pomysły bez danych osobowych – popraw opis, jeśli trzeba.",
    )
    reply = models.TextField("Odpowiedź urzędu (jawna)", blank=True)
    replied_at = models.DateTimeField("Odpowiedziano", null=True, blank=True)
    project = models.ForeignKey(
        "budget.BudgetProject",
        verbose_name="Projekt utworzony z pomysłu",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
    )
    is_sample = models.BooleanField("Treść przykładowa", default=False, editable=False)

    objects = IdeaQuerySet.as_manager()

    personal_data_fields = ("email",)
    receipt_prefix = "BOP"
    privacy_form_name = "Pomysły i priorytety do budżetu obywatelskiego"
    privacy_purpose = "przyjęcia pomysłu lub głosu na priorytet i przesłania odpowiedzi"
    privacy_retention_start = "od końca zbierania pomysłów w edycji budżetu"

    class Meta(Submission.Meta):
        verbose_name = "Pomysł lub priorytet"
        verbose_name_plural = "Pomysły i priorytety"
        indexes = [models.Index(fields=["edition", "kind", "moderation"])]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()}: {self.get_category_display()}"

    @classmethod
    def retention_expired(cls, cutoff: datetime) -> models.QuerySet:
        """Ideas of editions whose ideas phase ended (submission began) before CUTOFF."""
        return cls.objects.filter(edition__submission_from__lt=cutoff)

    def answer(self, text: str, now: datetime | None = None) -> None:
        self.reply = text.strip()
        self.replied_at = now or timezone.now()
