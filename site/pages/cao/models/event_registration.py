"""A person's place at an event that takes registrations."""

from datetime import datetime

from django.db import models

from core.models import Submission

# What a person agrees to by ticking the box under "needs" (art. 9(2)(a) RODO: explicit,
# separate, specific, informed). Stored with the registration word for word, so the
# record shows what was agreed to even after the wording changes.
NEEDS_CONSENT_LABEL = (
    "Zgadzam się na przetwarzanie informacji o moich potrzebach, także dotyczących zdrowia, "
    "w celu przygotowania wydarzenia tak, bym mógł(-a) w nim uczestniczyć"
)
NEEDS_CONSENT_HELP = (
    "Opis potrzeb (np. dostęp dla wózka, tłumacz PJM, pętla indukcyjna, dieta) może ujawniać "
    "informacje o zdrowiu, dlatego potrzebujemy na niego Twojej wyraźnej zgody (art. 9 ust. 2 "
    "lit. a RODO). Zgoda jest dobrowolna: bez niej zapiszemy Cię, tylko pole potrzeb zostaw "
    "puste i powiedz nam o nich na miejscu albo telefonicznie. Informację zobaczą tylko osoby "
    "przygotowujące wydarzenie. Zgodę możesz cofnąć w każdej chwili – e-mailem, telefonicznie "
    "albo na miejscu w CAO – wtedy usuniemy opis potrzeb; nie wpływa to na zgodność z prawem "
    "wcześniejszego przetwarzania."
)


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
    # The explicit consent (art. 9(2)(a) RODO) the needs are kept on: when, and to what.
    needs_consent_at = models.DateTimeField(
        "Zgoda na przetwarzanie informacji o potrzebach – kiedy wyrażona",
        null=True,
        blank=True,
        editable=False,
    )
    needs_consent_text = models.TextField(
        "Treść zgody na przetwarzanie informacji o potrzebach", blank=True, editable=False
    )
    needs_consent_withdrawn = models.BooleanField(
        "Zgoda na przetwarzanie informacji o potrzebach cofnięta",
        default=False,
        help_text="Zaznacz, gdy osoba cofnęła zgodę: opis jej potrzeb zostanie usunięty "
        "przy zapisie.",
    )
    is_cancelled = models.BooleanField(
        "Anulowany (miejsce zwolnione)", default=False, db_index=True
    )
    attended = models.BooleanField(
        "Obecny(-a) na wydarzeniu",
        default=False,
        help_text="Na szkoleniu lub warsztatach (po ich rozpoczęciu) zaznaczenie wystawia "
        "zaświadczenie o udziale z kodem weryfikacyjnym.",
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
    privacy_special_category = (
        "opis potrzeb związanych z udziałem (może dotyczyć zdrowia) przetwarzamy tylko za Twoją "
        "wyraźną zgodą (art. 9 ust. 2 lit. a RODO), wyrażoną osobnym polem pod opisem, w celu "
        "przygotowania wydarzenia tak, byś mógł(-a) w nim uczestniczyć; zgodę możesz cofnąć "
        "w każdej chwili (wtedy usuwamy opis), a bez niej zapiszemy Cię bez opisu potrzeb"
    )

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

    def save(self, *args, **kwargs):
        # A withdrawn consent takes the data it covered with it (art. 7(3), 17(1)(b) RODO).
        if self.needs_consent_withdrawn and self.needs:
            self.needs = ""
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "needs"}
        super().save(*args, **kwargs)

    @property
    def page_cache_page_id(self):
        return self.event_id

    @property
    def contact(self) -> str:
        return " / ".join(value for value in (self.email, self.phone) if value)
