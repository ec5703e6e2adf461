"""A resident's comment on a consultation, sent through the form on its page."""

from datetime import datetime

from django.db import models

from core.models import Submission

COMMENT_MAX_LENGTH = 5000


class ConsultationResponse(Submission):
    """The comment stays for the report; the name and e-mail go when retention is over."""

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="responses",
        verbose_name="Konsultacja",
    )
    comment = models.TextField("Uwaga", max_length=COMMENT_MAX_LENGTH)
    document_part = models.CharField(
        "Część dokumentu",
        max_length=200,
        blank=True,
        help_text="np. § 3 ust. 2, rozdział 4, mapa nr 2",
    )
    author_name = models.CharField(
        "Imię i nazwisko lub nazwa organizacji", max_length=200, blank=True
    )
    email = models.EmailField("E-mail do odpowiedzi", max_length=254, blank=True)

    personal_data_fields = ("author_name", "email")
    receipt_prefix = "KON"
    privacy_form_name = "Uwagi w konsultacjach społecznych"
    privacy_purpose = (
        "zebrania i rozpatrzenia uwag zgłoszonych w konsultacjach oraz – jeśli podasz "
        "e-mail – odpowiedzi na uwagę"
    )
    privacy_retention_start = "od zamknięcia konsultacji"

    class Meta(Submission.Meta):
        verbose_name = "Uwaga z konsultacji"
        verbose_name_plural = "Uwagi z konsultacji"
        indexes = [models.Index(fields=["consultation", "-submitted_at"])]

    @classmethod
    def retention_expired(cls, cutoff: datetime) -> models.QuerySet:
        """Responses to consultations that closed before CUTOFF (retention runs from closing)."""
        return cls.objects.filter(consultation__closes_at__lt=cutoff)

    @property
    def has_email(self) -> bool:
        return bool(self.email)
