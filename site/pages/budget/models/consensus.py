"""An osiedle pool decided by its residents' meeting (Dąbrowa's osiedle budget, "dialog
zamiast rywalizacji"): the meeting's date, its minutes, how many came, and the projects
it chose by consensus. A pool whose meeting reached a consensus is not voted on; one
whose meeting did not is voted on as usual (the record then says so).

Hidden like a vote's count until the edition's results are published: the publication
of the results (voting.publication) marks the edition's records published
(pages.budget.consensus.publish), and only then do pages, the API and the projects'
statuses show them.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from api.visibility import private_collection_ids


class ConsensusOutcome(models.TextChoices):
    REACHED = "konsensus", "Osiągnięto konsensus – bez głosowania w tej puli"
    NOT_REACHED = (
        "brak-konsensusu",
        "Nie osiągnięto konsensusu – w tej puli odbędzie się głosowanie",
    )


class PoolConsensusQuerySet(models.QuerySet):
    def reached(self):
        return self.filter(outcome=ConsensusOutcome.REACHED)

    def published(self):
        return self.filter(published_at__isnull=False)

    def shown_by_pool(self, pools) -> dict:
        """The published consensuses of POOLS by pool id (a meeting without one leaves
        its pool to the vote, shown as any other), each with `shown_minutes`: its
        minutes, or None while the document is in a private collection (pages link the
        minutes only from a public one)."""
        records = list(self.reached().published().filter(pool__in=pools).select_related("minutes"))
        private = private_collection_ids() if records else set()
        for record in records:
            shown = record.minutes.collection_id not in private
            record.shown_minutes = record.minutes if shown else None
        return {record.pool_id: record for record in records}


class PoolConsensus(models.Model):
    invalidates_page_cache = True  # shown on the results, protocol and project pages

    pool = models.OneToOneField(
        "budget.BudgetPool",
        verbose_name="Pula osiedlowa",
        on_delete=models.CASCADE,
        related_name="consensus",
        limit_choices_to={"scope": "osiedle"},
    )
    outcome = models.CharField("Wynik zebrania", max_length=20, choices=ConsensusOutcome.choices)
    meeting_date = models.DateField("Data zebrania mieszkańców")
    attendance = models.PositiveIntegerField(
        "Liczba obecnych mieszkańców", help_text="Według listy obecności z protokołu."
    )
    minutes = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Protokół zebrania",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Dokument z biblioteki. Do ogłoszenia wyników trzymaj go w kolekcji "
        "prywatnej: strony pokażą go dopiero po publikacji wyników i tylko z kolekcji "
        "publicznej.",
    )
    projects = models.ManyToManyField(
        "budget.BudgetProject",
        verbose_name="Projekty wybrane w drodze konsensusu",
        blank=True,
        related_name="consensus_decisions",
    )
    notes = models.TextField(
        "Ustalenia zebrania (jawne)",
        blank=True,
        help_text="Nieobowiązkowe, np. kolejność realizacji. Bez danych osobowych.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Wpisał(a)",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField("Wpisano", auto_now=True)
    # Set when the edition's results are published, never typed.
    published_at = models.DateTimeField("Opublikowano", null=True, blank=True, editable=False)

    objects = PoolConsensusQuerySet.as_manager()

    class Meta:
        verbose_name = "Konsensus zebrania osiedla"
        verbose_name_plural = "Konsensusy zebrań osiedli"
        ordering = ["pool__edition", "pool__sort_order", "pool__name"]

    def __str__(self) -> str:
        return f"{self.pool.name}: {self.get_outcome_display()}"

    @property
    def reached(self) -> bool:
        return self.outcome == ConsensusOutcome.REACHED

    def clean(self):
        super().clean()
        if self.pool_id is None:
            return
        if self.pool.scope != "osiedle":
            raise ValidationError(
                {"pool": "Konsensus zebrania mieszkańców dotyczy tylko puli osiedlowej."}
            )
        if self.published_at is not None:
            raise ValidationError(
                "Wyniki edycji są już opublikowane – zapisu konsensusu nie można zmienić."
            )
