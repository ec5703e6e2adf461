"""What a count found, per pool: stored apart from the ballots so the protocol and the
open data outlive the voters' data. Public only once the edition's results are
published (EditionVoting.results_published_at)."""

from django.db import models


class PoolResultQuerySet(models.QuerySet):
    def published(self):
        return self.filter(edition_voting__results_published_at__isnull=False)

    def without_snapshot(self):
        """Without counted_ballots, the snapshot of every counted ballot (megabytes for a
        city's vote): pages, the API, the protocol and the count's own delete do not need
        it; only the `.pb` file (voting.open_data.pabulib) reads it."""
        return self.defer("counted_ballots")


class PoolResult(models.Model):
    edition_voting = models.ForeignKey(
        "voting.EditionVoting", on_delete=models.CASCADE, related_name="pool_results"
    )
    pool = models.OneToOneField(
        "budget.BudgetPool", on_delete=models.PROTECT, related_name="result"
    )
    method = models.CharField(max_length=16)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    spent = models.DecimalField(max_digits=12, decimal_places=2)
    ballots = models.PositiveIntegerField("Ważne karty z głosem w tej puli", default=0)
    # The draws that broke ties: [{"score": …, "projects": [ids], "order": [ids]}].
    draws = models.JSONField(default=list, blank=True)
    # The counted ballots of this pool as the count saw them, anonymous and in a shuffled
    # order: [[[project ids], [points]], …] (voting.counting.counted_ballots). The `.pb`
    # file is written from it, so the open data match the protocol for good, also after
    # retention has cleared the ballots.
    counted_ballots = models.JSONField(default=list, blank=True, editable=False)

    objects = PoolResultQuerySet.as_manager()

    class Meta:
        ordering = ["pool__sort_order", "pool__name"]

    def __str__(self) -> str:
        return f"Wyniki: {self.pool.name}"


class ProjectResult(models.Model):
    pool_result = models.ForeignKey(PoolResult, on_delete=models.CASCADE, related_name="rows")
    project = models.ForeignKey(
        "budget.BudgetProject", on_delete=models.PROTECT, related_name="vote_results"
    )
    rank = models.PositiveIntegerField()
    votes = models.PositiveIntegerField("Liczba głosujących na projekt")
    score = models.PositiveIntegerField("Punkty (lub głosy)")
    cost = models.DecimalField(max_digits=12, decimal_places=2)
    selected = models.BooleanField(default=False)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["pool_result", "project"], name="voting_result_unique")
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.project.title}"
