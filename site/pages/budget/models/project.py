"""A resident's project in a budget edition: what is public, who wrote it (private), its
status, and how its author reaches it through a private link.

Public: everything but the author's and supporters' data; the author's name only when
they agreed to be named. The private link's key is stored as a hash only: the e-mail
holds the key, the database cannot give it back.
"""

from datetime import datetime
from decimal import Decimal

from django.apps import apps
from django.db import models

from core.models import Submission
from core.models.submissions import new_receipt_number
from core.secret_links import PrivateLinkMixin
from pages.budget.choices import (  # noqa: F401 (re-exported with the model)
    API_VALUES,
    APPEALABLE,
    EDITABLE,
    STATUS_BY_API_VALUE,
    Category,
    Status,
)


class ProjectQuerySet(models.QuerySet):
    def public(self):
        """Projects the public sees: confirmed by their author (or entered by staff),
        not hidden by the staff, in a live edition."""
        return self.filter(confirmed_at__isnull=False, hidden=False, edition__live=True)

    def unconfirmed_before(self, moment: datetime):
        return self.filter(confirmed_at__isnull=True, submitted_at__lt=moment)


class BudgetProject(PrivateLinkMixin, Submission):
    edition = models.ForeignKey(
        "budget.BudgetEditionPage",
        verbose_name="Edycja",
        on_delete=models.PROTECT,
        related_name="projects",
    )
    pool = models.ForeignKey(
        "budget.BudgetPool", verbose_name="Pula", on_delete=models.PROTECT, related_name="projects"
    )
    title = models.CharField("Tytuł projektu", max_length=200)
    category = models.CharField("Kategoria", max_length=20, choices=Category.choices)
    district = models.ForeignKey(
        "snippets.District",
        verbose_name="Osiedle",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_projects",
        limit_choices_to={"is_osiedle": True},
    )
    address = models.CharField(
        "Miejsce realizacji (adres lub opis)",
        max_length=300,
        blank=True,
        help_text="np. „skwer przy ul. Kasprowicza 10”.",
    )
    latitude = models.DecimalField(
        "Szerokość geograficzna", max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        "Długość geograficzna", max_digits=9, decimal_places=6, null=True, blank=True
    )
    description = models.TextField("Opis projektu", max_length=6000)
    justification = models.TextField("Uzasadnienie", max_length=4000)
    beneficiaries = models.TextField("Kto skorzysta", max_length=2000)
    city_cost_estimate = models.DecimalField(
        "Koszt oszacowany przez miasto (zł)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Wpisywany w ocenie merytorycznej; jawny.",
    )
    supporters_count = models.PositiveIntegerField(
        "Liczba popierających",
        default=0,
        help_text="Zostaje po usunięciu danych popierających.",
    )

    # The author: private, removed when retention ends (only the name is shown, and only
    # with the author's consent).
    author_name = models.CharField("Imię i nazwisko autora", max_length=200, blank=True)
    author_email = models.EmailField("E-mail autora", blank=True)
    author_phone = models.CharField("Telefon autora", max_length=40, blank=True)
    author_named = models.BooleanField(
        "Autor zgodził się na podanie imienia i nazwiska przy projekcie", default=False
    )
    private_key_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    status = models.CharField(
        "Status", max_length=24, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    correction_due_at = models.DateTimeField("Termin uzupełnienia braków", null=True, blank=True)
    confirmed_at = models.DateTimeField(
        "Potwierdzono e-mailem",
        null=True,
        blank=True,
        help_text="Zgłoszenie niepotwierdzone nie jest publiczne i wygasa.",
    )
    entered_by_staff = models.BooleanField(
        "Zgłoszenie papierowe wpisane przez urząd", default=False
    )
    hidden = models.BooleanField(
        "Ukryty na stronie", default=False, help_text="np. treść naruszająca prawo."
    )
    is_sample = models.BooleanField("Treść przykładowa", default=False, editable=False)

    objects = ProjectQuerySet.as_manager()

    # Staff decisions and confirmations change public pages at once (core.page_cache).
    invalidates_page_cache = True

    personal_data_fields = ("author_name", "author_email", "author_phone", "private_key_hash")
    receipt_prefix = "BO"
    privacy_form_name = "Zgłoszenia projektów do budżetu obywatelskiego i budżetów osiedli"
    privacy_purpose = (
        "przyjęcia i oceny zgłoszonego projektu, kontaktu z autorem w sprawie projektu "
        "(wezwania do uzupełnienia, wyniki oceny, odwołania) i sprawdzenia listy poparcia"
    )
    privacy_required_data = (
        "imię i nazwisko oraz e-mail autora, a dla każdego popierającego imię i nazwisko, "
        "adres i data podpisu – bez nich projekt nie może być oceniony (regulamin edycji)"
    )
    privacy_retention_start = "od ogłoszenia wyników edycji budżetu"

    class Meta(Submission.Meta):
        verbose_name = "Projekt w budżecie"
        verbose_name_plural = "Projekty w budżecie"
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["edition", "pool", "status"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Paper submissions entered in the admin get a receipt number too.
        if not self.receipt_number:
            self.receipt_number = new_receipt_number(self.receipt_prefix)
        super().save(*args, **kwargs)

    @classmethod
    def retention_expired(cls, cutoff: datetime) -> models.QuerySet:
        """Projects of editions whose results were announced before CUTOFF (retention
        runs from the results: the appeals and the vote are over)."""
        return cls.objects.filter(edition__results_from__lt=cutoff)

    @classmethod
    def clear_related_personal_data(cls, queryset) -> None:
        """Supporters' names and addresses and scanned support lists go with the author's data."""
        Supporter = apps.get_model("budget", "Supporter")
        ProjectAttachment = apps.get_model("budget", "ProjectAttachment")
        Supporter.objects.filter(project__in=queryset).delete()
        for attachment in ProjectAttachment.objects.filter(
            project__in=queryset, kind="lista-poparcia"
        ):
            attachment.file.delete(save=False)
            attachment.delete()

    @property
    def cost_total(self) -> Decimal:
        return sum((line.amount for line in self.cost_lines.all()), Decimal("0"))

    @property
    def selection_cost(self) -> Decimal:
        """The cost a project is voted on and selected with (by votes or by a meeting's
        consensus): the city's estimate where the merit review gave one, else the
        author's cost lines."""
        if self.city_cost_estimate is not None:
            return self.city_cost_estimate
        return self.cost_total

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def given_opinions(self):
        """The city's units' opinions given on this project (public)."""
        return self.opinions.filter(given_at__isnull=False).select_related("unit")

    @property
    def shown_files(self):
        """The public files the public may see now (ProjectPublicFile.objects.shown)."""
        return self.public_files.shown()

    @property
    def public_author(self) -> str:
        return self.author_name if self.author_named and self.author_name else ""
