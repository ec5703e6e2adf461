"""What follows the agreement (art. 19e): its signed scan, a Wagtail document kept in the
private collection of signed agreements (signatures and the leader's data: never public),
and its milestones, the dated stages with the city's amount and the applicants' in-kind
or work contribution, which the applicants see through their private link."""

from django.db import models
from django.utils import timezone

from pages.initiatives.choices import MilestoneStatus

MONEY = {"max_digits": 12, "decimal_places": 2}


class Milestone(models.Model):
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField("Etap", max_length=200)
    due_on = models.DateField("Termin")
    city_amount = models.DecimalField(
        "Wkład miasta w tym etapie (zł)", **MONEY, null=True, blank=True
    )
    contribution = models.CharField(
        "Wkład wnioskodawców w tym etapie",
        max_length=300,
        blank=True,
        help_text="np. „40 godz. pracy społecznej, sadzonki z własnego ogrodu”.",
    )
    status = models.CharField(
        "Stan", max_length=12, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED
    )
    note = models.CharField("Uwagi", max_length=500, blank=True)
    updated_at = models.DateTimeField("Zmieniono", default=timezone.now)

    class Meta:
        verbose_name = "Etap realizacji"
        verbose_name_plural = "Etapy realizacji"
        ordering = ["initiative", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title
