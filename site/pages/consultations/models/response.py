"""A response to a consultation: sent through the form on its page, or typed in by staff
from a letter, an e-mail or a statement made at a consultation meeting."""

from datetime import datetime

from django.conf import settings
from django.db import models

from wagtail.documents import get_document_model

from core.models import Submission
from pages.consultations.choices import PRIVATE_PERSON, Channel

COMMENT_MAX_LENGTH = 5000


class ConsultationResponse(Submission):
    """The comment, the answers and the organisation stay for the report; the person's
    name, e-mail and the scan of their letter go when retention is over."""

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="responses",
        verbose_name="Konsultacja",
    )
    channel = models.CharField(
        "Forma zgłoszenia", max_length=16, choices=Channel.choices, default=Channel.ONLINE
    )
    received_on = models.DateField(
        "Data wpływu", null=True, blank=True, help_text="Dla pism, e-maili i wypowiedzi."
    )
    # Blank when the questionnaire's answers say it all (a free-text consultation's form
    # requires it).
    comment = models.TextField("Uwaga", max_length=COMMENT_MAX_LENGTH, blank=True)
    document_part = models.CharField(
        "Część dokumentu",
        max_length=200,
        blank=True,
        help_text="np. § 3 ust. 2, rozdział 4, mapa nr 2",
    )
    # {block id: {"kind", "question", "value", …}}: see pages/consultations/questionnaire.py.
    answers = models.JSONField("Odpowiedzi na pytania", default=dict, blank=True)
    author_name = models.CharField(
        "Imię i nazwisko lub nazwa organizacji", max_length=200, blank=True
    )
    # As the sender typed it: anyone may type anything here (their own name too), so it is
    # published only once staff have confirmed it (below).
    organisation = models.CharField(
        "Organizacja",
        max_length=200,
        blank=True,
        help_text="Gdy uwagę zgłasza organizacja. W raporcie jej nazwa pojawi się dopiero po "
        "potwierdzeniu przez urząd.",
    )
    ngo = models.ForeignKey(
        "snippets.NGO",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Organizacja z rejestru",
        help_text="Organizacja z rejestru w portalu, w której imieniu zgłoszono uwagę: "
        "w raporcie podamy jej nazwę z rejestru.",
    )
    organisation_confirmed = models.BooleanField(
        "Organizacja potwierdzona",
        default=False,
        help_text="Urząd sprawdził, że zgłoszenie złożono w imieniu tej organizacji (np. pismo "
        "podpisane przez osobę uprawnioną do jej reprezentacji). Tylko wtedy jej nazwa "
        "pojawi się w raporcie; inaczej zgłaszający to „Osoba prywatna”.",
    )
    email = models.EmailField("E-mail do odpowiedzi", max_length=254, blank=True)
    scan = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Skan pisma lub protokołu",
    )
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        verbose_name="Duplikat zgłoszenia",
        help_text="Ta sama uwaga tego samego autora przesłana inną drogą: w raporcie liczy "
        "się raz.",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Wpisał(a)",
        editable=False,
    )

    personal_data_fields = ("author_name", "email", "scan")
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

    @classmethod
    def clear_related_personal_data(cls, queryset) -> None:
        """The scans of letters name their authors: the documents themselves go. An
        organisation nobody confirmed may be the sender's own name: it goes too (a
        confirmed one stays for the report)."""
        queryset.filter(organisation_confirmed=False, ngo__isnull=True).exclude(
            organisation=""
        ).update(organisation="")
        scan_ids = queryset.exclude(scan=None).values_list("scan_id", flat=True)
        for document in get_document_model().objects.filter(pk__in=list(scan_ids)):
            document.file.delete(save=False)
            document.delete()

    @property
    def has_email(self) -> bool:
        return bool(self.email)

    def _answers_text(self) -> str:
        """The questionnaire's answers as one line: "Pytanie: odpowiedź | …"."""
        parts = []
        for entry in (self.answers or {}).values():
            value = entry.get("value")
            if entry.get("kind") == "section_comments":
                value = "; ".join(f"{item['section']}: {item['text']}" for item in value.values())
            elif "labels" in entry:
                value = ", ".join(entry["labels"])
            parts.append(f"{entry.get('question', '')}: {value}")
        return " | ".join(parts)

    _answers_text.short_description = "Odpowiedzi na pytania"
    answers_text = property(_answers_text)

    @property
    def public_submitter(self) -> str:
        """Who sent it, as a published report may say: an organisation staff confirmed (by
        the registry's name when linked to it), never a person, nor a name typed as an
        organisation and never checked (a resident's own name may be there)."""
        if self.ngo_id is not None:
            return self.ngo.name
        if self.organisation_confirmed and self.organisation.strip():
            return self.organisation.strip()
        return PRIVATE_PERSON

    def _organisation_state(self) -> str:
        """For the staff's screens: what the report will say of the organisation."""
        if not self.organisation and self.ngo_id is None:
            return ""
        if self.public_submitter == PRIVATE_PERSON:
            return f"niepotwierdzona – w raporcie „{PRIVATE_PERSON}”"
        return f"potwierdzona – w raporcie „{self.public_submitter}”"

    _organisation_state.short_description = "Zgłaszający w raporcie"
    organisation_state = property(_organisation_state)
