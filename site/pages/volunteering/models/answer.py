"""A resident's answer to a volunteering offer, and the hours the organisation records.

Sent without an account through core.public_forms; read and decided (accepted or
declined) only by partners of the offering organisation, in the NGO zone. Declined
answers, and answers to expired offers never accepted, lose their personal data sooner
than accepted volunteers' (`retention_expired`).
"""

from datetime import datetime, timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum

from core.models import Submission

# How long after an offer expires (or after a decline) an answer that did not lead to
# volunteering keeps its personal data: enough to answer a question about it.
SHORT_RETENTION = timedelta(days=90)


class AgeGroup(models.TextChoices):
    UNDER_16 = "ponizej-16", "poniżej 16 lat"
    FROM_16 = "16-17", "16–17 lat"
    ADULT = "18-plus", "18 lat lub więcej"


class VolunteerAnswer(Submission):
    class Status(models.TextChoices):
        NEW = "new", "nowe"
        ACCEPTED = "accepted", "przyjęte"
        DECLINED = "declined", "odrzucone"

    offer = models.ForeignKey(
        "volunteering.VolunteerOffer",
        verbose_name="Oferta",
        on_delete=models.CASCADE,
        related_name="answers",
    )
    name = models.CharField("Imię i nazwisko", max_length=200)
    email = models.EmailField("E-mail")
    phone = models.CharField("Telefon", max_length=32, blank=True)
    age_group = models.CharField("Wiek", max_length=16, choices=AgeGroup.choices)
    message = models.TextField(
        "Kilka słów o sobie", max_length=3000, blank=True, help_text="Np. czemu chcesz pomagać."
    )
    parental_consent = models.BooleanField(
        "Mam zgodę rodzica lub opiekuna prawnego",
        default=False,
        help_text="Wymagana, gdy masz mniej niż 18 lat; organizacja poprosi o nią na piśmie.",
    )
    status = models.CharField(
        "Stan", max_length=16, choices=Status.choices, default=Status.NEW, db_index=True
    )
    decided_at = models.DateTimeField("Rozpatrzono", null=True, blank=True, editable=False)

    personal_data_fields = ("name", "email", "phone", "message")
    receipt_prefix = "WO"
    privacy_form_name = "Zgłoszenia do ofert wolontariatu"
    privacy_purpose = (
        "przekazania Twojego zgłoszenia organizacji, która ogłosiła ofertę wolontariatu, "
        "i zawarcia z nią porozumienia (art. 44 ustawy o działalności pożytku publicznego "
        "i o wolontariacie)"
    )
    privacy_required_data = "imię i nazwisko oraz e-mail – bez nich organizacja nie odpowie"
    privacy_retention_start = "od zakończenia wolontariatu"

    class Meta(Submission.Meta):
        verbose_name = "Zgłoszenie do oferty wolontariatu"
        verbose_name_plural = "Zgłoszenia do ofert wolontariatu"

    @classmethod
    def retention_expired(cls, cutoff: datetime) -> models.QuerySet:
        """Every answer whose volunteering ended before CUTOFF (the general period): the
        offer's last day when it has one (the privacy clause counts "od zakończenia
        wolontariatu", which can be long after answers closed), else its expiry."""
        ended = Q(offer__ends_on__isnull=False, offer__ends_on__lt=cutoff.date()) | Q(
            offer__ends_on__isnull=True, offer__expires_at__lte=cutoff
        )
        return cls.objects.filter(ended)

    @classmethod
    def sooner_expired(cls, now: datetime) -> models.QuerySet:
        """Answers that led to no volunteering: declined SHORT_RETENTION ago, or never
        decided on an offer that expired SHORT_RETENTION ago."""
        since = now - SHORT_RETENTION
        declined = Q(status=cls.Status.DECLINED, decided_at__lte=since)
        undecided = Q(status=cls.Status.NEW, offer__expires_at__lte=since)
        return cls.objects.filter(declined | undecided, personal_data_removed_at__isnull=True)

    @classmethod
    def purge_by_own_rule(cls, now: datetime, dry_run: bool = False) -> int:
        """Run by `purge_personal_data` (core.retention.purge_by_own_rules): clear the
        personal data of `sooner_expired` answers, keeping the rest for statistics."""
        expired = cls.sooner_expired(now)
        if dry_run:
            return expired.count()
        return expired.update(personal_data_removed_at=now, **cls.personal_data_cleared_values())

    def total_hours(self):
        return self.hours.aggregate(total=Sum("hours"))["total"] or 0


class VolunteerHours(models.Model):
    """Hours one accepted volunteer worked on one day, entered by the organisation."""

    answer = models.ForeignKey(
        VolunteerAnswer, on_delete=models.CASCADE, related_name="hours", verbose_name="Wolontariusz"
    )
    worked_on = models.DateField("Dzień")
    hours = models.DecimalField(
        "Godziny",
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0.5), MaxValueValidator(24)],
    )
    task = models.CharField("Co robił(a)", max_length=200, blank=True)

    class Meta:
        verbose_name = "Godziny wolontariatu"
        verbose_name_plural = "Godziny wolontariatu"
        ordering = ["worked_on", "pk"]

    def __str__(self) -> str:
        return f"{self.worked_on}: {self.hours} h"
