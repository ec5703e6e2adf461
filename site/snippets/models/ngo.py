"""An organisation of the NGO registry the department keeps (snippet, with drafts).

The other half: the public pages that show these records are in `pages/registry/`.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin
from wagtail.search import index

from anyascii import anyascii

from core.spreadsheets import refuse_formula_start
from snippets import identifiers
from snippets.fields import IdentifierField


class LegalForm(models.TextChoices):
    ASSOCIATION = "stowarzyszenie", "stowarzyszenie"
    FOUNDATION = "fundacja", "fundacja"
    ORDINARY_ASSOCIATION = "stowarzyszenie-zwykle", "stowarzyszenie zwykłe"
    SOCIAL_COOPERATIVE = "spoldzielnia-socjalna", "spółdzielnia socjalna"
    RURAL_WOMENS_CIRCLE = "kolo-gospodyn-wiejskich", "koło gospodyń wiejskich"
    SPORTS_CLUB = "klub-sportowy", "klub sportowy"
    OTHER = "inna", "inna forma prawna"


def fold(text: str) -> str:
    """Lower case without Polish letters: 'Łódź' -> 'lodz', for searching as people type."""
    return anyascii(text or "").lower()


class NGOQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)

    def for_listing(self):
        return self.select_related("district").prefetch_related("areas")


class NGO(DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    name = models.CharField("Nazwa", max_length=300)
    short_name = models.CharField("Nazwa skrócona", max_length=120, blank=True)
    slug = models.SlugField(
        "Identyfikator w adresie",
        max_length=120,
        unique=True,
        blank=True,
        help_text="Część adresu strony organizacji; gdy pusty – utworzy się z nazwy.",
    )
    legal_form = models.CharField(
        "Forma prawna", max_length=32, choices=LegalForm.choices, default=LegalForm.ASSOCIATION
    )
    krs = IdentifierField(
        "Numer KRS",
        kind="krs",
        max_length=10,
        unique=True,
        validators=[identifiers.validate_krs],
        error_messages={"unique": "Organizacja z tym numerem KRS jest już w rejestrze."},
        help_text="10 cyfr; spacje i myślniki zostaną pominięte.",
    )
    nip = IdentifierField(
        "NIP",
        kind="nip",
        max_length=10,
        unique=True,
        validators=[identifiers.validate_nip],
        error_messages={"unique": "Organizacja z tym numerem NIP jest już w rejestrze."},
        help_text="10 cyfr; sprawdzamy cyfrę kontrolną.",
    )
    regon = IdentifierField(
        "REGON",
        kind="regon",
        max_length=14,
        validators=[identifiers.validate_regon],
        help_text="9 albo 14 cyfr; sprawdzamy cyfrę kontrolną.",
    )
    is_public_benefit = models.BooleanField("Organizacja pożytku publicznego (OPP)", default=False)
    areas = ParentalManyToManyField(
        "snippets.PublicBenefitArea",
        verbose_name="Obszary działalności pożytku publicznego",
        related_name="ngos",
        blank=True,
    )
    district = models.ForeignKey(
        "snippets.District",
        verbose_name="Dzielnica",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ngos",
    )
    street_address = models.CharField("Ulica i numer", max_length=200, blank=True)
    postal_code = models.CharField("Kod pocztowy", max_length=6, blank=True)
    city = models.CharField("Miejscowość", max_length=100, default="Dąbrowa Górnicza")
    email = models.EmailField("E-mail", blank=True)
    phone = models.CharField("Telefon", max_length=32, blank=True)
    website = models.URLField("Strona internetowa", blank=True)
    description = models.TextField(
        "Czym się zajmuje",
        blank=True,
        help_text="Kilka zdań o celach i działaniach – tak, jak organizacja o sobie pisze.",
    )
    is_active = models.BooleanField(
        "Działająca", default=True, help_text="Odznacz, gdy organizacja została rozwiązana."
    )
    verified_on = models.DateField(
        "Dane sprawdzono dnia",
        null=True,
        blank=True,
        help_text="Kiedy wydział ostatnio potwierdził dane (np. w KRS lub z organizacją).",
    )
    # The name folded to ASCII lower case, so that "stowarzyszenie slaskie" finds
    # "Stowarzyszenie Śląskie" on every database.
    search_name = models.CharField(max_length=500, editable=False, blank=True, db_index=True)

    objects = NGOQuerySet.as_manager()

    # Typed freely and published in the open-data CSV: a leading "=" or "@" is refused
    # (core.spreadsheets); "+" and "-" are real ("+Plus", "+48 …") and escaped on export.
    FREE_TEXT_FIELDS = ("name", "short_name", "street_address", "city", "phone", "description")

    # Addresses the directory page uses itself (pages.registry.file_routes).
    RESERVED_SLUGS = frozenset({"dane-csv", "dane-json"})

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("slug")], heading="Nazwa"
        ),
        MultiFieldPanel(
            [
                FieldPanel("legal_form"),
                FieldRowPanel([FieldPanel("krs"), FieldPanel("nip"), FieldPanel("regon")]),
                FieldPanel("is_public_benefit"),
            ],
            heading="Forma prawna i numery rejestrowe",
        ),
        FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("district"),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
            ],
            heading="Siedziba",
        ),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("website")],
            heading="Kontakt publikowany przez organizację",
        ),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("is_active"), FieldPanel("verified_on")], heading="Stan"),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("short_name", boost=2),
        index.SearchField("description"),
        index.FilterField("live"),
        index.FilterField("legal_form"),
        index.FilterField("is_public_benefit"),
        index.FilterField("is_active"),
        index.FilterField("krs"),
        index.FilterField("nip"),
    ]
    api_fields = [
        APIField("name"),
        APIField("short_name"),
        APIField("slug"),
        APIField("legal_form"),
        APIField("krs"),
        APIField("nip"),
        APIField("regon"),
        APIField("is_public_benefit"),
        APIField("street_address"),
        APIField("postal_code"),
        APIField("city"),
        APIField("email"),
        APIField("phone"),
        APIField("website"),
        APIField("description"),
        APIField("is_active"),
        APIField("verified_on"),
    ]

    class Meta:
        verbose_name = "Organizacja pozarządowa"
        verbose_name_plural = "Organizacje pozarządowe"
        ordering = ["search_name", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in self.RESERVED_SLUGS:
            errors["slug"] = "Ten identyfikator jest zajęty przez adres strony rejestru."
        for name in self.FREE_TEXT_FIELDS:
            try:
                refuse_formula_start(getattr(self, name))
            except ValidationError as error:
                errors[name] = error
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.search_name = fold(f"{self.name} {self.short_name}")
        if not self.slug:
            self.slug = self.unique_slug(self.name, exclude_pk=self.pk)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    @classmethod
    def unique_slug(cls, name: str, exclude_pk=None, taken: set[str] | None = None) -> str:
        """A slug from NAME not used by another organisation nor in TAKEN.

        With TAKEN given, it is the full set of slugs in use (the import loads it once)
        and the database is not asked.
        """
        base = slugify(anyascii(name))[:100].strip("-") or "organizacja"
        if taken is None:
            taken = set(
                cls.objects.filter(slug__startswith=base)
                .exclude(pk=exclude_pk)
                .values_list("slug", flat=True)
            )
        slug, counter = base, 2
        while slug in taken or slug in cls.RESERVED_SLUGS:
            slug = f"{base}-{counter}"
            counter += 1
        return slug

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def address_line(self) -> str:
        place = f"{self.postal_code} {self.city}".strip()
        return ", ".join(part for part in (self.street_address, place) if part)
