"""A pool of an edition: the city-wide one, or one osiedle's. Projects are submitted to a
pool, checked against its maximum project cost, and (issue 16) voted on within it."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField


class BudgetPool(models.Model):
    invalidates_page_cache = True  # amounts show on public pages as saved

    class Scope(models.TextChoices):
        CITY = "miasto", "ogólnomiejska"
        OSIEDLE = "osiedle", "osiedlowa"

    edition = models.ForeignKey(
        "budget.BudgetEditionPage",
        verbose_name="Edycja",
        on_delete=models.PROTECT,
        related_name="pools",
    )
    scope = models.CharField("Zasięg", max_length=16, choices=Scope.choices)
    district = models.ForeignKey(
        "snippets.District",
        verbose_name="Osiedle",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_pools",
        limit_choices_to={"is_osiedle": True},
    )
    name = models.CharField("Nazwa puli", max_length=200)
    slug = models.SlugField("Identyfikator w adresie", max_length=120)
    amount = models.DecimalField(
        "Kwota puli (zł)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Puste dla osiedla: liczba mieszkańców × stawka edycji.",
    )
    max_project_cost = models.DecimalField(
        "Największy koszt projektu (zł)",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    sort_order = models.PositiveIntegerField("Kolejność", default=0)

    panels = [
        FieldPanel("edition"),
        FieldPanel("scope"),
        FieldPanel("district"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("amount"),
        FieldPanel("max_project_cost"),
        FieldPanel("sort_order"),
    ]
    api_fields = [
        APIField("name"),
        APIField("slug"),
        APIField("scope"),
        APIField("total_amount"),
        APIField("max_project_cost"),
    ]

    class Meta:
        verbose_name = "Pula budżetu"
        verbose_name_plural = "Pule budżetu"
        ordering = ["edition", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="budget_pool_slug_unique"),
            models.CheckConstraint(
                condition=models.Q(scope="miasto", district__isnull=True)
                | models.Q(scope="osiedle", district__isnull=False),
                name="budget_pool_osiedle_has_district",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.edition.title})"

    def clean(self):
        super().clean()
        if self.scope == self.Scope.OSIEDLE and self.district_id is None:
            raise ValidationError({"district": "Pula osiedlowa musi wskazywać osiedle."})
        if self.scope == self.Scope.CITY and self.district_id is not None:
            raise ValidationError({"district": "Pula ogólnomiejska nie ma osiedla."})
        if self.amount is None and self.computed_amount() is None:
            raise ValidationError(
                {
                    "amount": "Podaj kwotę puli albo uzupełnij liczbę mieszkańców osiedla "
                    "i stawkę na mieszkańca w edycji."
                }
            )

    def computed_amount(self) -> Decimal | None:
        """Population × the edition's rate, for an osiedle pool where both are known."""
        if self.district_id is None:
            return None
        population = self.district.population
        rate = self.edition.rate_per_resident
        if population is None or rate is None:
            return None
        return (Decimal(population) * rate).quantize(Decimal("0.01"))

    @property
    def total_amount(self) -> Decimal | None:
        """The pool's amount: as set by the editors, else computed."""
        return self.amount if self.amount is not None else self.computed_amount()
