"""A request for an appointment with a CAO advisor, sent through a service's page."""

from datetime import datetime

from django.conf import settings
from django.db import models

from core.models import Submission


class BookingRequest(Submission):
    service = models.ForeignKey(
        "cao.AdvisoryServicePage",
        verbose_name="Usługa",
        null=True,
        on_delete=models.SET_NULL,
        related_name="booking_requests",
        editable=False,
    )
    # The title as the person saw it: the request stays readable if the page goes.
    service_title = models.CharField("Usługa (tytuł)", max_length=255, editable=False)
    name = models.CharField("Imię i nazwisko", max_length=200)
    for_organisation = models.BooleanField("W imieniu organizacji", default=False)
    organisation_name = models.CharField("Nazwa organizacji", max_length=255, blank=True)
    email = models.EmailField("E-mail", max_length=254, blank=True)
    phone = models.CharField("Telefon", max_length=32, blank=True)
    topic = models.TextField("Sprawa", max_length=3000)
    preferred_dates = models.TextField("Preferowane terminy", max_length=1000, blank=True)
    is_handled = models.BooleanField("Załatwiona", default=False, db_index=True)
    handled_at = models.DateTimeField("Data załatwienia", null=True, blank=True, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Załatwił(a)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    # The organisation's name and the matter stay: they are the CAO's record of whom it
    # advised on what, which the department reports on each year.
    personal_data_fields = ("name", "email", "phone", "preferred_dates")
    receipt_prefix = "CAO"
    privacy_form_name = "Prośby o konsultację w Centrum Aktywności Obywatelskiej"
    privacy_purpose = "umówienia i przeprowadzenia konsultacji w Centrum Aktywności Obywatelskiej"
    privacy_required_data = (
        "imię i nazwisko oraz adres e-mail lub numer telefonu – bez nich nie umówimy spotkania"
    )
    privacy_retention_start = (
        "od załatwienia sprawy (albo od wysłania prośby, jeśli nikt jej nie podjął)"
    )

    class Meta(Submission.Meta):
        verbose_name = "Prośba o konsultację"
        verbose_name_plural = "Prośby o konsultację"

    @classmethod
    def retention_expired(cls, cutoff: datetime) -> models.QuerySet:
        """Counted from when the matter was handled (the end of the matter, as the privacy
        notice says), and from sending for requests never handled, so none is kept forever."""
        return cls.objects.filter(
            models.Q(handled_at__lt=cutoff)
            | models.Q(handled_at__isnull=True, submitted_at__lt=cutoff)
        )

    @property
    def contact(self) -> str:
        return " / ".join(value for value in (self.email, self.phone) if value)
