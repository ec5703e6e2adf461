"""A person's place at an event that takes registrations."""

from datetime import datetime

from django.db import models

from core.models import Submission


class EventRegistration(Submission):
    event = models.ForeignKey(
        "cao.EventPage",
        verbose_name="Wydarzenie",
        null=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
        editable=False,
    )
    event_title = models.CharField("Wydarzenie (tytuł)", max_length=255, editable=False)
    name = models.CharField("Imię i nazwisko", max_length=200)
    organisation_name = models.CharField("Organizacja", max_length=255, blank=True)
    email = models.EmailField("E-mail", max_length=254, blank=True)
    phone = models.CharField("Telefon", max_length=32, blank=True)
    needs = models.TextField("Potrzeby związane z udziałem", max_length=1000, blank=True)
    is_cancelled = models.BooleanField(
        "Anulowany (miejsce zwolnione)", default=False, db_index=True
    )

    # Free places show on the public event lists and pages, which the anonymous page cache
    # (core.page_cache) would otherwise keep showing after a place is taken or freed.
    invalidates_page_cache = True
    page_cache_page_model = "cao.eventpage"  # and the lists of events (core.page_cache_signals)
    # Accessibility needs may reveal health: they go with the rest of the personal data.
    personal_data_fields = ("name", "email", "phone", "needs")
    receipt_prefix = "WYD"
    privacy_form_name = "Zapisy na wydarzenia"
    privacy_purpose = (
        "zapisania Cię na wydarzenie, kontaktu w jego sprawie i przygotowania listy uczestników"
    )
    privacy_required_data = (
        "imię i nazwisko oraz adres e-mail lub numer telefonu – bez nich nie zapiszemy Cię"
    )
    privacy_retention_start = "od zakończenia wydarzenia"

    class Meta(Submission.Meta):
        verbose_name = "Zapis na wydarzenie"
        verbose_name_plural = "Zapisy na wydarzenia"

    @classmethod
    def retention_expired(cls, cutoff: datetime) -> models.QuerySet:
        """Counted from the end of the event (the list is needed until then, and for its
        report); from sending when the event page is gone."""
        return cls.objects.filter(
            models.Q(event__ends_at__lt=cutoff)
            | models.Q(event__ends_at__isnull=True, event__starts_at__lt=cutoff)
            | models.Q(event__isnull=True, submitted_at__lt=cutoff)
        )

    @property
    def page_cache_page_id(self):
        return self.event_id

    @property
    def contact(self) -> str:
        return " / ".join(value for value in (self.email, self.phone) if value)
