"""One year's rules of the local initiative (the council's resolution, art. 19c): the
criteria with their weights and scales, the areas allowed (art. 19b ust. 1), the year's
budget, the rate of an hour of social work, the application windows (rolling or rounds)
and the documents. Residents apply on its page while a window is open."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import BodyBlock
from core.lifecycle_serializers import state_label_field, state_value_field
from core.models import BasePage
from core.public_forms import PublicFormPage
from pages.initiatives.choices import DeadlineMode
from pages.initiatives.state import RULES

MONEY = {"max_digits": 12, "decimal_places": 2}
# What the initiatives' pages show besides pages (core.page_cache).
INITIATIVE_CACHE_LISTS = (
    "content",
    "snippets.district",
    "snippets.ngo",
    "initiatives.initiative",
    "initiatives.statuschange",
    "initiatives.applicationwindow",
)


class InitiativeRulesPage(PublicFormPage, BasePage):
    page_cache_lists = INITIATIVE_CACHE_LISTS

    year = models.PositiveIntegerField("Rok", unique=True)
    resolution = models.CharField(
        "Uchwała rady miasta",
        max_length=300,
        help_text="np. „Uchwała nr XII/150/2026 Rady Miejskiej w Dąbrowie Górniczej "
        "z 12 marca 2026 r.”",
    )
    budget = models.DecimalField(
        "Środki na inicjatywy lokalne w tym roku (zł)",
        validators=[MinValueValidator(Decimal("0"))],
        **MONEY,
    )
    work_hour_rate = models.DecimalField(
        "Wartość godziny pracy społecznej (zł)",
        validators=[MinValueValidator(Decimal("0.01"))],
        **MONEY,
        help_text="Wkład pracą = liczba godzin × ta stawka.",
    )
    min_contribution_percent = models.DecimalField(
        "Najmniejszy udział wkładu własnego (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text="Udział wkładu wnioskodawców w całym koszcie zadania; 0 – bez progu.",
    )
    deadline_mode = models.CharField(
        "Tryb naboru", max_length=10, choices=DeadlineMode.choices, default=DeadlineMode.ROLLING
    )
    correction_days = models.PositiveIntegerField(
        "Dni na uzupełnienie braków", default=7, validators=[MinValueValidator(1)]
    )
    confirmation_hours = models.PositiveIntegerField(
        "Godziny na potwierdzenie wniosku e-mailem",
        default=72,
        validators=[MinValueValidator(1)],
        help_text="Wniosek niepotwierdzony w tym czasie jest usuwany.",
    )
    min_scores = models.PositiveIntegerField(
        "Najmniejsza liczba ocen do przyjęcia wniosku",
        default=2,
        validators=[MinValueValidator(1)],
        help_text="Ilu członków zespołu musi ocenić wniosek, zanim można go przyjąć "
        "(zgodnie z uchwałą).",
    )
    publish_scores = models.BooleanField(
        "Publikować oceny po decyzji",
        default=False,
        help_text="Zaznacz, jeśli uchwała przewiduje jawność ocen: po decyzji przy wniosku "
        "pokażemy średnią ocenę (nigdy ocen poszczególnych członków zespołu).",
    )
    online_applications = models.BooleanField("Wnioski przez internet", default=True)
    body = StreamField(
        BodyBlock(), blank=True, verbose_name="Zasady w skrócie i dokumenty do pobrania"
    )
    is_sample = models.BooleanField("Treść przykładowa", default=False, editable=False)
    legacy_call = models.OneToOneField(
        "snippets.GrantCall",
        verbose_name="Dawne ogłoszenie w konkursach",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="initiative_rules",
        help_text="Ogłoszenie trybu „inicjatywa lokalna”, z którego przeniesiono ten rok.",
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("year"),
                FieldPanel("resolution"),
                FieldRowPanel([FieldPanel("budget"), FieldPanel("work_hour_rate")]),
                FieldRowPanel(
                    [FieldPanel("min_contribution_percent"), FieldPanel("correction_days")]
                ),
                FieldRowPanel([FieldPanel("min_scores"), FieldPanel("confirmation_hours")]),
                FieldPanel("publish_scores"),
                FieldPanel("online_applications"),
            ],
            heading="Zasady z uchwały",
        ),
        InlinePanel("criteria", heading="Kryteria oceny", label="Kryterium", min_num=1),
        InlinePanel(
            "areas", heading="Dozwolone zakresy (art. 19b ust. 1)", label="Zakres", min_num=1
        ),
        FieldPanel("deadline_mode"),
        InlinePanel("windows", heading="Terminy naboru", label="Termin", min_num=1),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [
        *BasePage.api_fields,
        APIField("year"),
        APIField("resolution"),
        APIField("budget"),
        APIField("work_hour_rate"),
        APIField("min_contribution_percent"),
        APIField("deadline_mode"),
        APIField("state", serializer=state_value_field(RULES)),
        APIField("state_label", serializer=state_label_field()),
    ]

    parent_page_types = ["initiatives.InitiativeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Inicjatywa lokalna – zasady roku"
        verbose_name_plural = "Inicjatywa lokalna – zasady lat"

    def clean(self):
        super().clean()
        if self.deadline_mode == DeadlineMode.ROLLING:
            windows = [w for w in self.windows.all() if not getattr(w, "DELETE", False)]
            if len(windows) > 1:
                raise ValidationError(
                    {"deadline_mode": "W naborze ciągłym podaj jeden termin (od – do)."}
                )

    def get_state(self, now=None):
        return RULES.state_of(self, now or timezone.now())

    @property
    def state(self) -> str:
        """The current state's value (the API's `state`, as for every lifecycle)."""
        return self.get_state().value

    @property
    def state_label(self) -> str:
        return self.get_state().label

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["state"] = self.get_state()
        context["windows"] = list(self.windows.all())
        context["areas"] = list(self.areas.all())
        context["criteria"] = list(self.criteria.all())
        return context

    @property
    def max_total_score(self) -> Decimal:
        return sum((c.weight * c.max_points for c in self.criteria.all()), Decimal("0"))


class Criterion(Orderable):
    rules = ParentalKey(InitiativeRulesPage, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField("Kryterium", max_length=300)
    description = models.TextField("Opis (co oceniamy)", blank=True, max_length=2000)
    weight = models.DecimalField(
        "Waga",
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    max_points = models.PositiveIntegerField(
        "Skala: najwyżej punktów", default=5, validators=[MinValueValidator(1)]
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("weight"), FieldPanel("max_points")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Kryterium oceny"
        verbose_name_plural = "Kryteria oceny"

    def __str__(self) -> str:
        return self.name


class AllowedArea(Orderable):
    """One area the resolution allows, in the words of art. 19b ust. 1 (editors keep the
    list per year: a resolution may narrow it, an amendment of the act may change it)."""

    rules = ParentalKey(InitiativeRulesPage, on_delete=models.CASCADE, related_name="areas")
    point = models.CharField("Punkt art. 19b ust. 1", max_length=8, help_text="np. 1, 2, 4a")
    name = models.CharField("Zakres", max_length=400)

    panels = [FieldPanel("point"), FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = "Dozwolony zakres"
        verbose_name_plural = "Dozwolone zakresy"

    def __str__(self) -> str:
        return f"{self.point}) {self.name}"


class ApplicationWindow(Orderable):
    """A term in which applications are taken: the whole call when it is rolling, one
    round otherwise. Open from `opens_at` until `closes_at` (exclusive)."""

    invalidates_page_cache = True

    rules = ParentalKey(InitiativeRulesPage, on_delete=models.CASCADE, related_name="windows")
    name = models.CharField("Nazwa", max_length=100, blank=True, help_text="np. „Runda wiosenna”")
    opens_at = models.DateTimeField("Wnioski od")
    closes_at = models.DateTimeField(
        "Wnioski do", help_text="Wniosek wysłany o tej chwili jest spóźniony."
    )

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")])]

    class Meta(Orderable.Meta):
        verbose_name = "Termin naboru"
        verbose_name_plural = "Terminy naboru"

    def __str__(self) -> str:
        return self.name or f"{self.opens_at:%Y-%m-%d} – {self.closes_at:%Y-%m-%d}"

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "Koniec naboru musi być po jego początku."})
