"""A request for a council's opinion, with its statutory deadline.

The Public Benefit Council gives opinions on draft acts (art. 41g of the act on public
benefit activity and volunteering) within a term set by the body's rules, counted in
days from the day the draft arrived (core.deadlines: art. 111 § 2; art. 115 when
DeadlineSettings say so). The deadline is computed on save from the day and the term,
never typed. Internal: listed in the intranet, never on public pages or in the API;
only the opinion given, an entry of the public register, is shown on the page of the
consultation the request belongs to.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core import deadlines
from core.models import DeadlineSettings
from pages.councils.state import OPINION

DEFAULT_TERM_DAYS = 14


class OpinionRequest(models.Model):
    # Once answered, the opinion shows on its consultation's page (consultation_opinions).
    invalidates_page_cache = True
    council = models.ForeignKey(
        "councils.CouncilPage",
        verbose_name="Organ",
        on_delete=models.PROTECT,
        related_name="opinion_requests",
    )
    subject = models.CharField(
        "Czego dotyczy", max_length=255, help_text="np. projekt programu współpracy na 2027 r."
    )
    requested_by = models.CharField(
        "Od kogo", max_length=255, help_text="np. Prezydent Miasta, Wydział Organizacji …"
    )
    received_on = models.DateField("Data wpływu")
    term_days = models.PositiveSmallIntegerField(
        "Termin na opinię (dni)",
        default=DEFAULT_TERM_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Liczony od dnia po dniu wpływu (art. 111 § 2 k.c.).",
    )
    deadline = models.DateTimeField("Termin", editable=False, db_index=True)
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name="Konsultacje",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opinion_requests",
    )
    opinion = models.ForeignKey(
        "councils.Resolution",
        verbose_name="Wydana opinia",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    given_on = models.DateField("Data wydania opinii", null=True, blank=True)
    notes = models.TextField("Uwagi wewnętrzne", blank=True)

    panels = [
        FieldPanel("council"),
        FieldPanel("subject"),
        FieldPanel("requested_by"),
        FieldRowPanel([FieldPanel("received_on"), FieldPanel("term_days")]),
        FieldPanel("consultation"),
        MultiFieldPanel(
            [FieldPanel("opinion"), FieldPanel("given_on")], heading="Opinia (gdy wydana)"
        ),
        FieldPanel("notes"),
    ]

    class Meta:
        verbose_name = "Wniosek o opinię"
        verbose_name_plural = "Wnioski o opinię"
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.subject

    def save(self, *args, **kwargs):
        if self.received_on is not None:
            self.deadline = self.compute_deadline()
        if self.opinion_id and self.given_on is None:
            self.given_on = self.opinion.adopted_on
        super().save(*args, **kwargs)

    @property
    def page_cache_page_id(self):
        return self.consultation_id

    def compute_deadline(self):
        extend = DeadlineSettings.load().extend_to_working_day
        return deadlines.term_end(self.received_on, self.term_days, extend=extend)

    def state_at(self, now=None):
        return OPINION.state_of(self, now or timezone.now())

    @property
    def deadline_text(self) -> str:
        """'do 16 marca 2026 włącznie' (the admin's list)."""
        return deadlines.term_text(self.deadline) if self.deadline else ""

    def remaining(self, now=None) -> str:
        return deadlines.remaining_text(self.deadline, now or timezone.now())
