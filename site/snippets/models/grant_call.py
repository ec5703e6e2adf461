"""A grant call (konkurs, mały grant, inicjatywa lokalna) with its documents and awards.

The other half: the public pages that show these records are in `pages/registry/`.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Sum, When
from django.utils import timezone
from django.utils.text import slugify

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin, WorkflowMixin
from wagtail.search import index

from anyascii import anyascii

from core import deadlines
from core.lifecycle import State
from snippets.call_state import CALL
from snippets.forms import GrantCallForm

# Art. 13 ust. 1: at least 21 days from the announcement of an open competition.
MIN_OPEN_COMPETITION_DAYS = 21
MONEY = {"max_digits": 12, "decimal_places": 2}


class Procedure(models.TextChoices):
    OPEN_COMPETITION = "konkurs", "otwarty konkurs ofert (art. 13)"
    SMALL_GRANT = "maly-grant", "mały grant (art. 19a)"
    LOCAL_INITIATIVE = "inicjatywa-lokalna", "inicjatywa lokalna (art. 19b)"
    OTHER = "inny", "inny tryb"


class CancellationReason(models.TextChoices):
    NO_OFFERS = "brak-ofert", "nie złożono żadnej oferty (art. 18a ust. 1 pkt 1)"
    NO_VALID_OFFERS = (
        "oferty-niespelniajace-wymogow",
        "żadna oferta nie spełnia wymogów ogłoszenia (art. 18a ust. 1 pkt 2)",
    )
    OTHER = "inna", "inna przyczyna (opisana w uzasadnieniu)"


class GrantCallQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)

    def in_state(self, state: str, now=None):
        return CALL.filter(self, state, now or timezone.now())

    def by_relevance(self, now=None):
        """Open calls first by deadline, then planned, under evaluation, resolved, cancelled."""
        now = now or timezone.now()
        # What is still ahead goes by the nearest deadline; what is over, newest first.
        over = CALL.RESOLVED.rank
        return (
            self.annotate(state_rank=CALL.rank(now))
            .annotate(
                due_ahead=Case(When(state_rank__lt=over, then=F("offers_due_at"))),
                due_past=Case(When(state_rank__gte=over, then=F("offers_due_at"))),
            )
            .order_by(
                "state_rank",
                F("due_ahead").asc(nulls_last=True),
                F("due_past").desc(nulls_last=True),
                "pk",
            )
        )


class GrantCall(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel
):
    title = models.CharField("Tytuł", max_length=300)
    slug = models.SlugField(
        "Identyfikator w adresie",
        max_length=120,
        unique=True,
        blank=True,
        help_text="Część adresu strony konkursu; gdy pusty – utworzy się z tytułu.",
    )
    procedure = models.CharField(
        "Tryb", max_length=32, choices=Procedure.choices, default=Procedure.OPEN_COMPETITION
    )
    task = models.CharField(
        "Zadanie publiczne",
        max_length=500,
        help_text="Rodzaj zadania, np. „Organizacja wypoczynku dzieci i młodzieży”.",
    )
    area = models.ForeignKey(
        "snippets.PublicBenefitArea",
        verbose_name="Obszar pożytku publicznego",
        on_delete=models.PROTECT,
        related_name="grant_calls",
    )
    summary = models.TextField(
        "Wprowadzenie", blank=True, help_text="Dwa, trzy zdania pokazywane na liście konkursów."
    )
    body = RichTextField(
        "Zasady i warunki",
        blank=True,
        help_text="Zasady przyznawania dotacji, terminy i warunki realizacji, kryteria oceny.",
    )
    total_funds = models.DecimalField(
        "Łączna kwota środków (zł)", validators=[MinValueValidator(Decimal("0"))], **MONEY
    )
    min_grant = models.DecimalField(
        "Najniższa dotacja (zł)",
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        **MONEY,
    )
    max_grant = models.DecimalField(
        "Najwyższa dotacja (zł)",
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        **MONEY,
    )
    own_contribution_percent = models.DecimalField(
        "Wymagany wkład własny (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    own_contribution_note = models.CharField(
        "Wkład własny – uwagi",
        max_length=300,
        blank=True,
        help_text="np. „w tym wkład osobowy (praca wolontariuszy)”.",
    )
    announced_at = models.DateTimeField("Data ogłoszenia")
    offers_due_at = models.DateTimeField(
        "Termin składania ofert",
        help_text="Oferta złożona w tej chwili jest spóźniona. Godzina 23:59 oznacza cały "
        "dzień: zapiszemy 24:00, a strona pokaże „do … włącznie”.",
    )
    decision_due_on = models.DateField("Planowany termin rozstrzygnięcia", null=True, blank=True)
    results_published_at = models.DateTimeField(
        "Wyniki ogłoszono",
        null=True,
        blank=True,
        help_text="Od tej chwili konkurs jest rozstrzygnięty.",
    )
    realisation_from = models.DateField("Realizacja zadania od", null=True, blank=True)
    realisation_to = models.DateField("Realizacja zadania do", null=True, blank=True)
    cancelled_at = models.DateTimeField(
        "Unieważniono",
        null=True,
        blank=True,
        help_text="Wypełnij tylko, gdy konkurs unieważniono (art. 18a).",
    )
    cancellation_reason = models.CharField(
        "Przyczyna unieważnienia", max_length=40, choices=CancellationReason.choices, blank=True
    )
    cancellation_note = models.TextField("Uzasadnienie unieważnienia", blank=True)
    unit = models.CharField(
        "Komórka prowadząca",
        max_length=200,
        default="Wydział Organizacji Pozarządowych i Aktywności Obywatelskiej",
    )
    # How and where an offer is submitted (shown on the call's page with the deadline's
    # time zone; the paper address is the correspondence address from the site's settings).
    offer_system_url = models.URLField(
        "Adres systemu składania ofert",
        blank=True,
        help_text="Generator lub system, w którym składa się ofertę (np. Witkac.pl).",
    )
    offer_system_name = models.CharField(
        "Nazwa systemu składania ofert", max_length=100, blank=True
    )
    accepts_paper_offers = models.BooleanField(
        "Oferty także na papierze",
        default=False,
        help_text="Na adres do korespondencji z ustawień (Ustawienia → Dane kontaktowe).",
    )
    submission_note = models.TextField(
        "Jak złożyć ofertę – dodatkowe informacje",
        blank=True,
        help_text="Np. czy decyduje data wpływu, czy data stempla pocztowego.",
    )
    contact_person = models.ForeignKey(
        "snippets.Person",
        verbose_name="Osoba do kontaktu",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = GrantCallQuerySet.as_manager()
    base_form_class = GrantCallForm

    # Addresses the calls page uses itself (its routes and pages.registry.file_routes).
    RESERVED_SLUGS = frozenset({"oferty", "kalendarz-ics"})

    panels = [
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("slug"), FieldPanel("procedure")], heading="Konkurs"
        ),
        MultiFieldPanel(
            [FieldPanel("task"), FieldPanel("area"), FieldPanel("summary"), FieldPanel("body")],
            heading="Zadanie",
        ),
        MultiFieldPanel(
            [
                FieldPanel("total_funds"),
                FieldRowPanel([FieldPanel("min_grant"), FieldPanel("max_grant")]),
                FieldRowPanel(
                    [FieldPanel("own_contribution_percent"), FieldPanel("own_contribution_note")]
                ),
            ],
            heading="Pieniądze",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("announced_at"), FieldPanel("offers_due_at")]),
                FieldRowPanel([FieldPanel("decision_due_on"), FieldPanel("results_published_at")]),
                FieldRowPanel([FieldPanel("realisation_from"), FieldPanel("realisation_to")]),
            ],
            heading="Terminy",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("offer_system_name"), FieldPanel("offer_system_url")]),
                FieldPanel("accepts_paper_offers"),
                FieldPanel("submission_note"),
            ],
            heading="Jak i gdzie złożyć ofertę",
        ),
        MultiFieldPanel([FieldPanel("unit"), FieldPanel("contact_person")], heading="Kto prowadzi"),
        InlinePanel("documents", heading="Dokumenty", label="Dokument"),
        InlinePanel("awards", heading="Wyniki – przyznane dotacje", label="Dotacja"),
        MultiFieldPanel(
            [
                FieldPanel("cancelled_at"),
                FieldPanel("cancellation_reason"),
                FieldPanel("cancellation_note"),
            ],
            heading="Unieważnienie (art. 18a)",
            classname="collapsed",
        ),
    ]
    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("task", boost=2),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("live"),
        index.FilterField("procedure"),
        index.FilterField("area"),
    ]
    api_fields = [
        APIField("title"),
        APIField("slug"),
        APIField("procedure"),
        APIField("task"),
        APIField("summary"),
        APIField("body"),
        APIField("total_funds"),
        APIField("min_grant"),
        APIField("max_grant"),
        APIField("own_contribution_percent"),
        APIField("own_contribution_note"),
        APIField("announced_at"),
        APIField("offers_due_at"),
        APIField("offer_system_name"),
        APIField("offer_system_url"),
        APIField("accepts_paper_offers"),
        APIField("submission_note"),
        APIField("decision_due_on"),
        APIField("results_published_at"),
        APIField("realisation_from"),
        APIField("realisation_to"),
        APIField("cancelled_at"),
        APIField("cancellation_reason"),
        APIField("cancellation_note"),
        APIField("unit"),
    ]

    class Meta:
        verbose_name = "Konkurs (nabór ofert)"
        verbose_name_plural = "Konkursy i nabory ofert"
        ordering = ["-offers_due_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        # A deadline typed as 23:59 means the whole of that day: to 24:00 (core.deadlines).
        self.offers_due_at = deadlines.end_of_day_if_2359(self.offers_due_at)
        if self.announced_at and self.offers_due_at:
            if self.offers_due_at <= self.announced_at:
                errors["offers_due_at"] = "Termin składania ofert musi być po dacie ogłoszenia."
            elif self.procedure == Procedure.OPEN_COMPETITION and (
                # Calendar days in Warsaw (art. 111 § 2: the announcement day not counted),
                # whatever the hours and whichever time zone the values come in.
                deadlines.whole_days_between(self.announced_at, self.offers_due_at)
                < MIN_OPEN_COMPETITION_DAYS
            ):
                errors["offers_due_at"] = (
                    "W otwartym konkursie ofert termin składania ofert nie może być krótszy "
                    f"niż {MIN_OPEN_COMPETITION_DAYS} dni od dnia ogłoszenia (art. 13 ust. 1)."
                )
        if (
            self.results_published_at
            and self.offers_due_at
            and self.results_published_at < self.offers_due_at
        ):
            errors["results_published_at"] = (
                "Wyników nie można ogłosić przed upływem terminu składania ofert."
            )
        if (
            self.min_grant is not None
            and self.max_grant is not None
            and self.min_grant > self.max_grant
        ):
            errors["min_grant"] = "Najniższa dotacja nie może być wyższa od najwyższej."
        if (
            self.max_grant is not None
            and self.total_funds is not None
            and self.max_grant > self.total_funds
        ):
            errors["max_grant"] = "Najwyższa dotacja nie może przekraczać łącznej kwoty."
        if self.cancelled_at and not self.cancellation_reason:
            errors["cancellation_reason"] = "Podaj przyczynę unieważnienia (art. 18a)."
        if self.cancellation_reason and not self.cancelled_at:
            errors["cancelled_at"] = "Podaj datę unieważnienia albo usuń przyczynę."
        if (
            self.cancellation_reason == CancellationReason.OTHER
            and self.cancelled_at
            and not self.cancellation_note.strip()
        ):
            errors["cancellation_note"] = "Opisz przyczynę unieważnienia."
        if self.slug in self.RESERVED_SLUGS:
            errors["slug"] = "Ten identyfikator jest zajęty przez adres strony konkursów."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(anyascii(self.title))[:100].strip("-") or "konkurs"
            taken = (
                set(
                    GrantCall.objects.filter(slug__startswith=base)
                    .exclude(pk=self.pk)
                    .values_list("slug", flat=True)
                )
                | self.RESERVED_SLUGS
            )
            slug, counter = base, 2
            while slug in taken:
                slug, counter = f"{base}-{counter}", counter + 1
            self.slug = slug
        super().save(*args, **kwargs)

    def state_at(self, now) -> State:
        return CALL.state_of(self, now)

    @property
    def state(self) -> str:
        """The state now, as its English value (`open`…); used by the API."""
        return self.state_at(timezone.now()).value

    @property
    def state_label(self) -> str:
        return self.state_at(timezone.now()).label

    @property
    def year(self) -> int:
        return timezone.localtime(self.announced_at).year

    def awards_total(self) -> Decimal:
        if hasattr(self, "_prefetched_objects_cache") and "awards" in (
            self._prefetched_objects_cache
        ):
            return sum((award.amount for award in self.awards.all()), Decimal("0"))
        return self.awards.aggregate(total=Sum("amount"))["total"] or Decimal("0")


class GrantCallDocument(Orderable):
    class Kind(models.TextChoices):
        ANNOUNCEMENT = "ogloszenie", "ogłoszenie"
        FORM = "formularz", "formularz lub wzór"
        RULES = "regulamin", "regulamin, zasady"
        RESULTS = "wyniki", "wyniki"
        OTHER = "inny", "inny dokument"

    call = ParentalKey(GrantCall, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="Dokument", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField("Rodzaj", max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(
        "Tytuł na stronie", max_length=255, blank=True, help_text="Gdy pusty – tytuł dokumentu."
    )

    panels = [FieldPanel("document"), FieldPanel("kind"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "Dokument konkursu"
        verbose_name_plural = "Dokumenty konkursu"

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


class GrantAward(Orderable):
    """One grant given in a call: which organisation, for what, how much."""

    call = ParentalKey(GrantCall, on_delete=models.CASCADE, related_name="awards")
    ngo = models.ForeignKey(
        "snippets.NGO",
        verbose_name="Organizacja",
        on_delete=models.PROTECT,
        related_name="awards",
    )
    task_title = models.CharField("Tytuł zadania (oferty)", max_length=500)
    amount = models.DecimalField(
        "Kwota dotacji (zł)", validators=[MinValueValidator(Decimal("0.01"))], **MONEY
    )

    panels = [FieldPanel("ngo"), FieldPanel("task_title"), FieldPanel("amount")]

    class Meta(Orderable.Meta):
        verbose_name = "Przyznana dotacja"
        verbose_name_plural = "Przyznane dotacje"

    def __str__(self) -> str:
        return f"{self.ngo} – {self.task_title}"
