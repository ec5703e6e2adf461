"""Details editors keep in Ustawienia: contacts in the footer, personal data rules, terms."""

from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from core.blocks import ChannelBlock


@register_setting(icon="site")
class SiteContactSettings(BaseSiteSetting):
    department_name = models.CharField(
        "Nazwa wydziału",
        max_length=200,
        default="Wydział Organizacji Pozarządowych i Aktywności Obywatelskiej",
    )
    institution_name = models.CharField(
        "Nazwa urzędu", max_length=200, default="Urząd Miejski w Dąbrowie Górniczej"
    )
    street_address = models.CharField("Ulica i numer", max_length=200, blank=True)
    postal_code = models.CharField("Kod pocztowy", max_length=6, blank=True)
    city = models.CharField("Miejscowość", max_length=100, default="Dąbrowa Górnicza")
    secretariat_phone = models.CharField("Telefon sekretariatu", max_length=32, blank=True)
    channels = StreamField(
        [("channel", ChannelBlock())], blank=True, verbose_name="Kanały kontaktu w stopce"
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("department_name"), FieldPanel("institution_name")], heading="Nazwa"
        ),
        MultiFieldPanel(
            [FieldPanel("street_address"), FieldPanel("postal_code"), FieldPanel("city")],
            heading="Adres",
        ),
        FieldPanel("secretariat_phone"),
        FieldPanel("channels"),
    ]

    class Meta:
        verbose_name = "Dane kontaktowe wydziału"

    @property
    def address_line(self) -> str:
        return ", ".join(
            part
            for part in (self.street_address, f"{self.postal_code} {self.city}".strip())
            if part
        )


@register_setting(icon="lock")
class PrivacySettings(BaseSiteSetting):
    """What every form that takes personal data must say (RODO art. 13), and for how long."""

    controller = models.TextField(
        "Administrator danych",
        default="Prezydent Miasta Dąbrowa Górnicza, Urząd Miejski w Dąbrowie Górniczej, "
        "ul. Graniczna 27, 41-300 Dąbrowa Górnicza",
    )
    data_protection_officer = models.CharField(
        "Kontakt z inspektorem ochrony danych",
        max_length=200,
        blank=True,
        help_text="Adres e-mail lub pocztowy inspektora ochrony danych.",
    )
    retention_days = models.PositiveIntegerField(
        "Okres przechowywania danych osobowych z formularzy (dni)",
        default=365,
        help_text="Liczony od zakończenia sprawy (np. od zamknięcia konsultacji). "
        "Po tym czasie dane osobowe są usuwane, a treść uwag zostaje.",
    )

    panels = [
        FieldPanel("controller"),
        FieldPanel("data_protection_officer"),
        FieldPanel("retention_days"),
    ]

    class Meta:
        verbose_name = "Ochrona danych osobowych"


@register_setting(icon="date")
class DeadlineSettings(BaseGenericSetting):
    """How the portal counts the terms it computes itself (core.deadlines); one for the
    whole installation, because the law does not differ between its sites."""

    extend_to_working_day = models.BooleanField(
        "Przedłużaj terminy kończące się w dzień wolny (art. 115 k.c.)",
        default=False,
        help_text="To decyzja prawna, nie techniczna: uzgodnij ją z radcą prawnym. "
        "Gdy zaznaczone, termin liczony przez portal w dniach (np. 7 dni na uwagi do "
        "oferty w trybie art. 19a), który kończy się w sobotę, niedzielę lub święto, "
        "upływa następnego dnia roboczego. Dotyczy ofert zamieszczonych po zmianie; "
        "terminy wpisane ręcznie (konsultacje, konkursy) się nie zmieniają.",
    )

    panels = [FieldPanel("extend_to_working_day")]

    class Meta:
        verbose_name = "Terminy"
