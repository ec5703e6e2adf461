"""A candidate's application to a council's recruitment, on the portal's own form.

Sent without an account through core.public_forms; read by the submissions team in the
admin (Rady i osiedla → Zgłoszenia kandydatów), never shown on a public page or in the
API. Personal data are kept for the retention period counted from the recruitment's
close, then cleared by `purge_personal_data`.
"""

from datetime import datetime

from django.db import models

from core.models import Submission


class CouncilApplication(Submission):
    recruitment = models.ForeignKey(
        "councils.Recruitment",
        verbose_name="Nabór",
        on_delete=models.PROTECT,
        related_name="applications",
    )
    name = models.CharField("Imię i nazwisko", max_length=200)
    email = models.EmailField("E-mail")
    phone = models.CharField("Telefon", max_length=32, blank=True)
    seat = models.CharField("Miejsce, o które kandyduje", max_length=255, blank=True)
    represents = models.CharField(
        "Kogo reprezentuje",
        max_length=255,
        blank=True,
        help_text="np. organizację, szkołę, osiedle",
    )
    statement = models.TextField("Dlaczego chce zostać członkiem", max_length=5000)
    is_handled = models.BooleanField("Rozpatrzone", default=False)

    personal_data_fields = ("name", "email", "phone", "represents", "statement")
    receipt_prefix = "RD"
    privacy_form_name = "Zgłoszenia kandydatów do rad i ciał doradczych"
    privacy_purpose = (
        "przeprowadzenia naboru do rady lub ciała doradczego, o którego członkostwo się "
        "ubiegasz, i kontaktu z Tobą w jego sprawie"
    )
    privacy_required_data = (
        "imię i nazwisko, e-mail i uzasadnienie zgłoszenia – bez nich zgłoszenie nie może "
        "być rozpatrzone"
    )
    privacy_retention_start = "od zakończenia naboru"

    class Meta(Submission.Meta):
        verbose_name = "Zgłoszenie kandydata"
        verbose_name_plural = "Zgłoszenia kandydatów"

    @classmethod
    def retention_expired(cls, cutoff: datetime) -> models.QuerySet:
        """Applications to recruitments that closed before CUTOFF."""
        return cls.objects.filter(recruitment__closes_at__lt=cutoff)

    @property
    def council_title(self) -> str:
        return self.recruitment.council.title

    @property
    def recruitment_title(self) -> str:
        return self.recruitment.title
