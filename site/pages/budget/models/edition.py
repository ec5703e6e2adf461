"""One edition of a budget (e.g. „Budżet Obywatelski 2027”): its rules, its schedule of
phases, and the settings its projects are checked against. Residents submit projects on
its page while the submission phase lasts."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock
from core.lifecycle_serializers import state_label_field, state_value_field
from core.models import BasePage
from core.public_forms import PublicFormPage
from pages.budget.phases import EDITION

# What the budget's pages show besides pages (core.page_cache): a staff decision, an
# appeal, a new cost line, a published idea, a unit's opinion or a public file makes
# exactly these pages stale; publishes reach them as
# "content".
BUDGET_CACHE_LISTS = (
    "content",
    "snippets.district",
    "budget.budgetpool",
    "budget.budgetproject",
    "budget.costline",
    "budget.statuschange",
    "budget.appeal",
    "budget.budgetidea",
    "budget.meritopinion",
    "budget.cityunit",
    "budget.projectpublicfile",
)


class BudgetKind(models.TextChoices):
    CITY = "obywatelski", "Budżet obywatelski (ogólnomiejski)"
    OSIEDLE = "osiedlowy", "Budżet partycypacyjny osiedli"


def _moment(label: str, help_text: str = "", required: bool = True) -> models.DateTimeField:
    return models.DateTimeField(label, null=not required, blank=not required, help_text=help_text)


class BudgetEditionPage(PublicFormPage, BasePage):
    page_cache_lists = BUDGET_CACHE_LISTS  # its pools and their projects

    kind = models.CharField("Rodzaj budżetu", max_length=16, choices=BudgetKind.choices)
    year = models.PositiveIntegerField("Rok realizacji")
    is_sample = models.BooleanField(
        "Treść przykładowa",
        default=False,
        editable=False,
        help_text="Utworzona przez load_sample_content.",
    )
    rules_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Regulamin (plik)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name="Zasady w skrócie")

    # The schedule: each moment starts its phase (phases.py).
    ideas_from = _moment("Zbieranie pomysłów od", "Nieobowiązkowe.", required=False)
    submission_from = _moment("Zgłaszanie projektów od")
    formal_from = _moment("Ocena formalna od", "Tu kończy się zgłaszanie projektów.")
    corrections_from = _moment("Uzupełnianie braków od")
    merit_from = _moment("Ocena merytoryczna od")
    appeals_from = _moment("Odwołania od")
    voting_from = _moment("Głosowanie od", "Tu kończą się odwołania.")
    results_from = _moment("Ogłoszenie wyników od")
    implementation_from = _moment("Realizacja od")

    # Structured rules.
    min_supporters = models.PositiveIntegerField(
        "Najmniejsza liczba popierających",
        default=15,
        help_text="Mieszkańcy na liście poparcia projektu (np. 15).",
    )
    rate_per_resident = models.DecimalField(
        "Stawka na mieszkańca (zł)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Pula osiedla bez kwoty wpisanej ręcznie = liczba mieszkańców × stawka.",
    )
    correction_days = models.PositiveIntegerField(
        "Dni na uzupełnienie braków",
        default=7,
        help_text="Liczone od dnia po wysłaniu wezwania (art. 111 k.c.).",
    )
    draft_confirmation_hours = models.PositiveIntegerField(
        "Godziny na potwierdzenie zgłoszenia e-mailem",
        default=72,
        help_text="Zgłoszenie niepotwierdzone w tym czasie jest usuwane.",
    )
    accepts_online_submissions = models.BooleanField(
        "Przyjmuj zgłoszenia przez formularz", default=True
    )

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year")]),
        FieldPanel("rules_document"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel(name) for name in EDITION.moment_fields],
            heading="Harmonogram (początek każdego etapu)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("min_supporters"),
                FieldPanel("rate_per_resident"),
                FieldPanel("correction_days"),
                FieldPanel("draft_confirmation_hours"),
                FieldPanel("accepts_online_submissions"),
            ],
            heading="Zasady",
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [
        *BasePage.api_fields,
        APIField("kind"),
        APIField("year"),
        APIField("state", serializer=state_value_field(EDITION)),
        APIField("state_label", serializer=state_label_field()),
        *(APIField(name) for name in EDITION.moment_fields),
        APIField("min_supporters"),
        APIField("rate_per_resident"),
    ]

    parent_page_types = ["budget.BudgetIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Edycja budżetu"
        verbose_name_plural = "Edycje budżetu"

    def clean(self):
        super().clean()
        previous_name, previous = None, None
        for name in EDITION.moment_fields:
            moment = getattr(self, name)
            if moment is None:
                continue
            if previous is not None and moment <= previous:
                label = self._meta.get_field(name).verbose_name
                before = self._meta.get_field(previous_name).verbose_name
                raise ValidationError({name: f"„{label}” musi przypadać później niż „{before}”."})
            previous_name, previous = name, moment

    # The phase, one label everywhere (page, lists, search, API).

    def get_phase(self, now: datetime | None = None):
        return EDITION.state_of(self, now or timezone.now())

    @property
    def state(self) -> str:
        """The current phase's value (the API's `state`, as for every lifecycle)."""
        return self.get_phase().value

    @property
    def state_label(self) -> str:
        return self.get_phase().label

    def phase_end(self, phase):
        return EDITION.phase_end(self, phase)

    def schedule(self) -> list[dict]:
        """The phases with their starts and ends, for the page and the calendar."""
        rows = []
        for phase in EDITION.PHASES:
            start = getattr(self, EDITION.field_of(phase))
            if start is not None:
                rows.append({"phase": phase, "start": start, "end": self.phase_end(phase)})
        return rows

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context["phase"] = self.get_phase(now)
        context["schedule"] = self.schedule()
        context["pools"] = list(self.pools.select_related("district"))
        return context
