"""The accessibility statement (deklaracja dostępności) as its own page type.

The act of 4 April 2019 on the digital accessibility of public bodies' websites (art. 10)
and the minister's "Warunki techniczne publikacji oraz struktura dokumentu elektronicznego
deklaracji dostępności" (version 2.0, 2024) fix its parts and the `a11y-…` identifiers
that let monitoring tools read it; the template renders them from these fields. The
buildings come from the "Dostępność budynków" setting, the addresses from the
department's contact settings.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from core.blocks import BuildingBlock
from core.models import BasePage, BuildingAccessibilitySettings, SiteContactSettings

RICH_TEXT = ["bold", "italic", "link", "ul", "ol"]


class ComplianceStatus(models.TextChoices):
    # The three statuses art. 10 ust. 2 and the template allow, in their words.
    COMPLIANT = "zgodna", "zgodna"
    PARTIAL = "czesciowo", "częściowo zgodna"
    NON_COMPLIANT = "niezgodna", "niezgodna"


class AssessmentMethod(models.TextChoices):
    SELF = "samoocena", "samoocena przeprowadzona przez podmiot publiczny"
    AUDIT = "audyt", "audyt zewnętrzny"


def _has_text(html: str) -> bool:
    return bool(strip_tags(html or "").strip())


class AccessibilityStatementPage(BasePage):
    page_cache_lists = ()
    published_on = models.DateField(
        "Data publikacji strony internetowej",
        help_text="Dzień, w którym portal został po raz pierwszy udostępniony publicznie.",
    )
    updated_on = models.DateField(
        "Data ostatniej istotnej aktualizacji",
        help_text="Dzień ostatniej zmiany portalu, która mogła wpłynąć na jego dostępność.",
    )
    prepared_on = models.DateField("Data sporządzenia deklaracji")
    reviewed_on = models.DateField(
        "Data ostatniego przeglądu deklaracji",
        null=True,
        blank=True,
        help_text="Deklarację przegląda się co najmniej raz w roku (do 31 marca).",
    )
    status = models.CharField(
        "Stan dostępności cyfrowej",
        max_length=16,
        choices=ComplianceStatus.choices,
        default=ComplianceStatus.PARTIAL,
    )
    non_compliance = RichTextField(
        "Niezgodności z załącznikiem do ustawy", features=RICH_TEXT, blank=True
    )
    exclusions = RichTextField(
        "Wyłączenia i treści nieobjęte ustawą", features=RICH_TEXT, blank=True
    )
    assessment_method = models.CharField(
        "Sposób oceny dostępności",
        max_length=16,
        choices=AssessmentMethod.choices,
        default=AssessmentMethod.SELF,
    )
    assessment_note = models.TextField("Jak przeprowadzono ocenę", blank=True)
    audit_report_url = models.URLField("Raport z audytu (adres)", blank=True)
    auditor_name = models.CharField(
        "Podmiot, który przeprowadził audyt",
        max_length=200,
        blank=True,
        help_text="Tylko przy audycie zewnętrznym (identyfikator a11y-audytor).",
    )
    burden_assessment_url = models.URLField(
        "Analiza nadmiernego obciążenia (adres)",
        blank=True,
        help_text="Tylko gdy niezgodność wynika z nadmiernego obciążenia (art. 8 ustawy): "
        "odnośnik do wyniku analizy (identyfikator a11y-ocena).",
    )
    facilities = RichTextField("Udogodnienia", features=RICH_TEXT, blank=True)
    keyboard_shortcuts = models.TextField("Skróty klawiaturowe", blank=True)
    contact_name = models.CharField(
        "Osoba lub komórka do kontaktu",
        max_length=200,
        help_text="Kto odpowiada na zgłoszenia dotyczące dostępności (np. koordynator "
        "do spraw dostępności albo sekretariat wydziału).",
    )
    contact_email = models.EmailField("E-mail do zgłoszeń dostępności")
    contact_phone = models.CharField("Telefon do zgłoszeń dostępności", max_length=32)
    communication = RichTextField(
        "Dostępność komunikacyjno-informacyjna",
        features=RICH_TEXT,
        blank=True,
        help_text="Jak osoby głuche i słabosłyszące mogą się z nami skontaktować (e-mail, "
        "SMS, wideotłumacz PJM), czy tłumacz jest dostępny na miejscu i po jakim zgłoszeniu.",
    )
    mobile_apps = models.TextField(
        "Aplikacje mobilne",
        default="Wydział nie udostępnia aplikacji mobilnych. Portal działa w przeglądarce "
        "na telefonie i tablecie.",
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("published_on"),
                FieldPanel("updated_on"),
                FieldPanel("prepared_on"),
                FieldPanel("reviewed_on"),
                InlinePanel("updates", label="Aktualizacja deklaracji"),
            ],
            heading="Daty",
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("non_compliance"),
                FieldPanel("exclusions"),
                FieldPanel("burden_assessment_url"),
            ],
            heading="Stan dostępności",
        ),
        MultiFieldPanel(
            [
                FieldPanel("assessment_method"),
                FieldPanel("assessment_note"),
                FieldPanel("audit_report_url"),
                FieldPanel("auditor_name"),
            ],
            heading="Przygotowanie deklaracji",
        ),
        FieldPanel("facilities"),
        FieldPanel("keyboard_shortcuts"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading="Informacje zwrotne i dane kontaktowe",
        ),
        FieldPanel("communication"),
        FieldPanel("mobile_apps"),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "Deklaracja dostępności"
        verbose_name_plural = "Deklaracje dostępności"

    def clean(self):
        super().clean()
        errors = {}
        today = timezone.localdate()
        for name in ("published_on", "updated_on", "prepared_on", "reviewed_on"):
            value = getattr(self, name)
            if value and value > today:
                errors[name] = "Ta data nie może być późniejsza niż dzisiejsza."
        if self.published_on and self.updated_on and self.updated_on < self.published_on:
            errors["updated_on"] = "Aktualizacja nie może być wcześniejsza niż publikacja."
        if self.prepared_on and self.reviewed_on and self.reviewed_on < self.prepared_on:
            errors["reviewed_on"] = "Przegląd nie może być wcześniejszy niż sporządzenie."
        if self.status != ComplianceStatus.COMPLIANT and not (
            _has_text(self.non_compliance) or _has_text(self.exclusions)
        ):
            errors["non_compliance"] = (
                "Strona niezgodna lub częściowo zgodna: wymień niezgodności albo wyłączenia."
            )
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        contact = SiteContactSettings.for_request(request)
        buildings = BuildingAccessibilitySettings.for_request(request)
        fallback = buildings.fallback_contact or (
            f"sekretariat wydziału, tel. {contact.secretariat_phone}"
            if contact.secretariat_phone
            else "sekretariat wydziału"
        )
        context.update(
            site_url=request.build_absolute_uri("/"),
            statement_updates=self.updates.all(),
            fallback_contact=fallback,
            buildings=[
                {
                    "name": block.value["name"],
                    "address": block.value["address"],
                    "details": [
                        (label, block.value.get(name))
                        for name, label in BuildingBlock.DETAILS
                        if block.value.get(name)
                    ],
                    "missing": [
                        label.lower()
                        for name, label in BuildingBlock.DETAILS
                        if name != "other" and not block.value.get(name)
                    ],
                }
                for block in buildings.buildings
            ],
        )
        return context


class AccessibilityStatementUpdate(Orderable):
    """One entry of the statement's history: when it changed and what."""

    page = ParentalKey(AccessibilityStatementPage, related_name="updates", on_delete=models.CASCADE)
    date = models.DateField("Data")
    description = models.CharField("Co zmieniono", max_length=300)

    panels = [FieldPanel("date"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = "Aktualizacja deklaracji"
        verbose_name_plural = "Historia aktualizacji"
        ordering = ["-date", "sort_order"]
