"""The register of eligible voters of an edition, as keyed hashes only (voting.voter_id)."""

from django.db import models


class EligibleVoter(models.Model):
    edition = models.ForeignKey(
        "budget.BudgetEditionPage",
        verbose_name="Edycja",
        on_delete=models.CASCADE,
        related_name="eligible_voters",
    )
    voter_hash = models.CharField("Skrót identyfikatora", max_length=64)

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
