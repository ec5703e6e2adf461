"""Merit verification by the departments concerned: the staff route a project to a unit
of the city (a list the editors keep), and the unit's opinion – feasibility, the city's
cost estimate, conflicts with other projects – is recorded per project and shown
publicly with the merit decision. Who asked and what was asked stay with the staff."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone


class CityUnit(models.Model):
    """A department or unit of the city hall (or a municipal unit) that gives opinions."""

    name = models.CharField("Nazwa", max_length=200, unique=True)
    email = models.EmailField(
        "E-mail do powiadomień",
        blank=True,
        help_text="Nieobowiązkowy: dostaje wiadomość o każdym projekcie skierowanym do oceny.",
    )
    active = models.BooleanField("Przyjmuje projekty do oceny", default=True)
    sort_order = models.PositiveIntegerField("Kolejność", default=0)

    class Meta:
        verbose_name = "Jednostka miasta"
        verbose_name_plural = "Jednostki miasta"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Feasibility(models.TextChoices):
    FEASIBLE = "wykonalny", "Wykonalny"
    CONDITIONAL = "z-zastrzezeniami", "Wykonalny z zastrzeżeniami"
    NOT_FEASIBLE = "niewykonalny", "Niewykonalny"


class MeritOpinion(models.Model):
    invalidates_page_cache = True  # a given opinion shows on the project's page

    project = models.ForeignKey(
        "budget.BudgetProject",
        verbose_name="Projekt",
        on_delete=models.CASCADE,
        related_name="opinions",
    )
    unit = models.ForeignKey(
        CityUnit, verbose_name="Jednostka", on_delete=models.PROTECT, related_name="opinions"
    )
    requested_at = models.DateTimeField("Skierowano", default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Skierował(a)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    question = models.TextField(
        "O co prosimy (tylko dla urzędu)",
        blank=True,
        help_text="Niepubliczne, np. „proszę o ocenę kolizji z planowanym remontem”.",
    )
    feasibility = models.CharField(
        "Wykonalność", max_length=20, choices=Feasibility.choices, blank=True
    )
    cost_estimate = models.DecimalField(
        "Koszt oszacowany przez jednostkę (zł)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    conflicts = models.ManyToManyField(
        "budget.BudgetProject",
        verbose_name="Koliduje z projektami",
        blank=True,
        related_name="+",
        help_text="Projekty tej samej edycji, z którymi ten projekt się wyklucza.",
    )
    opinion = models.TextField("Opinia (jawna)", blank=True)
    given_at = models.DateTimeField("Opinię wydano", null=True, blank=True)

    class Meta:
        verbose_name = "Opinia jednostki miasta"
        verbose_name_plural = "Opinie jednostek miasta"
        ordering = ["project", "unit__sort_order", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "unit"], name="budget_opinion_unit_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.project}"

    @property
    def is_given(self) -> bool:
        return self.given_at is not None
