"""The register of eligible voters of an edition, as keyed hashes only (voting.voter_id)."""

from datetime import timedelta

from django.db import models

from core.retention import retention_days


class EligibleVoter(models.Model):
    edition = models.ForeignKey(
        "budget.BudgetEditionPage",
        verbose_name="Edycja",
        on_delete=models.CASCADE,
        related_name="eligible_voters",
    )
    voter_hash = models.CharField("Skrót identyfikatora", max_length=64)
    # The osiedle the register places the voter in (for an edition that allows one's own
    # osiedle only); empty when the register was imported without it.
    district = models.ForeignKey(
        "snippets.District",
        verbose_name="Osiedle z rejestru",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "Uprawniony do głosowania (skrót)"
        verbose_name_plural = "Rejestr uprawnionych (skróty)"
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "voter_hash"], name="voting_eligible_voter_unique"
            )
        ]

    def __str__(self) -> str:
        return self.voter_hash[:12]  # a hash only: nothing to identify a person by

    @classmethod
    def purge_by_own_rule(cls, now, dry_run: bool = False) -> int:
        """The register goes with the voters' data: once an edition's results are older
        than the retention period (core.retention calls this with the others)."""
        cutoff = now - timedelta(days=retention_days())
        expired = cls.objects.filter(edition__results_from__lt=cutoff)
        if dry_run:
            return expired.count()
        return expired.delete()[0]
