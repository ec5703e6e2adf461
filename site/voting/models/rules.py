"""The rules of a vote, set by editors: per edition (minimum age, which of a paper and an
online ballot of one voter counts, publication of the results) and per pool (the method).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel


class Method(models.TextChoices):
    POINTS = "punkty", "Punkty (np. 3-2-1)"
    APPROVAL = "aprobata", "Wybór do N projektów"
    BASKET = "koszyk", "Koszyk (projekty mieszczące się w kwocie puli)"


class DuplicateRule(models.TextChoices):
    ONLINE = "internet", "Liczy się głos internetowy"
    PAPER = "papier", "Liczy się karta papierowa"
    NEITHER = "zaden", "Oba głosy są nieważne"


class OsiedleRule(models.TextChoices):
    ANY = "dowolne", "Dowolne osiedle wybrane przez głosującego"
    OWN = "zamieszkania", "Tylko osiedle zamieszkania (sprawdzane z rejestrem)"


class EditionVoting(models.Model):
    # Publishing the results (and rule changes) shows on public pages at once: the edition's
    # page, the editions' lists and every view that is no page (core.page_cache_signals).
    invalidates_page_cache = True
    page_cache_page_model = "budget.budgeteditionpage"

    edition = models.OneToOneField(
        "budget.BudgetEditionPage",
        verbose_name="Edycja",
        on_delete=models.CASCADE,
        related_name="voting",
    )
    min_age = models.PositiveSmallIntegerField(
        "Najniższy wiek głosującego",
        default=16,
        help_text="Liczony w dniu oddania głosu z daty urodzenia w numerze PESEL.",
    )
    confirmation_hours = models.PositiveSmallIntegerField(
        "Godziny na potwierdzenie głosu e-mailem", default=24
    )
    duplicate_rule = models.CharField(
        "Gdy ta sama osoba głosowała przez internet i na papierze",
        max_length=16,
        choices=DuplicateRule.choices,
        default=DuplicateRule.ONLINE,
    )
    paper_entry_days = models.PositiveSmallIntegerField(
        "Dni na wpisanie kart papierowych po zakończeniu głosowania",
        default=7,
        help_text="Karty z urn wpisuje się od początku głosowania do tylu dni po jego "
        "końcu (i nigdy po publikacji wyników). 0: tylko w czasie głosowania.",
    )
    osiedle_rule = models.CharField(
        "W której puli osiedlowej można głosować",
        max_length=16,
        choices=OsiedleRule.choices,
        default=OsiedleRule.ANY,
        help_text="„Tylko osiedle zamieszkania”: głosujący podaje adres i oświadcza, że mieszka "
        "na wybranym osiedlu; głos jest zgodny tylko wtedy, gdy rejestr mieszkańców podaje "
        "to samo osiedle – inaczej trafia do kolejki weryfikacji.",
    )
    # Set by the count (voting.counting) and the publication, never typed.
    draw_seed = models.CharField("Ziarno losowania", max_length=64, blank=True, editable=False)
    counted_at = models.DateTimeField("Policzono", null=True, blank=True, editable=False)
    summary = models.JSONField("Podsumowanie liczenia", default=dict, blank=True, editable=False)
    results_published_at = models.DateTimeField(
        "Wyniki opublikowano", null=True, blank=True, editable=False
    )
    results_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Opublikował(a)",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("edition"),
        FieldPanel("min_age"),
        FieldPanel("confirmation_hours"),
        FieldPanel("duplicate_rule"),
        FieldPanel("paper_entry_days"),
        FieldPanel("osiedle_rule"),
    ]

    class Meta:
        verbose_name = "Zasady głosowania edycji"
        verbose_name_plural = "Zasady głosowania edycji"

    def __str__(self) -> str:
        return f"Głosowanie: {self.edition.title}"

    @property
    def page_cache_page_id(self):
        return self.edition_id

    @property
    def own_osiedle_only(self) -> bool:
        return self.osiedle_rule == OsiedleRule.OWN

    @property
    def results_public(self) -> bool:
        return self.results_published_at is not None


class PoolVoting(models.Model):
    pool = models.OneToOneField(
        "budget.BudgetPool", verbose_name="Pula", on_delete=models.CASCADE, related_name="voting"
    )
    method = models.CharField(
        "Sposób głosowania", max_length=16, choices=Method.choices, default=Method.APPROVAL
    )
    points = models.CharField(
        "Punkty do rozdania",
        max_length=40,
        blank=True,
        default="3,2,1",
        help_text="Dla głosowania punktami: np. „3,2,1” – po jednym projekcie na każdą wartość.",
    )
    max_choices = models.PositiveSmallIntegerField(
        "Najwięcej projektów na karcie",
        null=True,
        blank=True,
        default=3,
        help_text="Dla wyboru do N projektów (puste: bez limitu).",
    )

    panels = [
        FieldPanel("pool"),
        FieldPanel("method"),
        FieldPanel("points"),
        FieldPanel("max_choices"),
    ]

    class Meta:
        verbose_name = "Sposób głosowania w puli"
        verbose_name_plural = "Sposoby głosowania w pulach"

    def __str__(self) -> str:
        return f"{self.pool.name}: {self.get_method_display()}"

    def clean(self):
        super().clean()
        if self.method == Method.POINTS:
            try:
                values = self.point_values()
            except ValueError:
                values = ()
            if not values:
                raise ValidationError(
                    {"points": "Podaj dodatnie liczby punktów oddzielone przecinkami, np. 3,2,1."}
                )

    def point_values(self) -> tuple[int, ...]:
        """The points a voter gives, highest first (one project per value)."""
        values = tuple(int(part) for part in self.points.split(",") if part.strip())
        if any(value <= 0 for value in values):
            raise ValueError("points must be positive")
        return tuple(sorted(values, reverse=True))


def edition_rules(edition) -> EditionVoting:
    """EDITION's voting rules: stored ones, or the defaults (unsaved) until editors set them."""
    return EditionVoting.objects.filter(edition=edition).first() or EditionVoting(edition=edition)


def pool_rules(pool) -> PoolVoting:
    return PoolVoting.objects.filter(pool=pool).first() or PoolVoting(pool=pool)
