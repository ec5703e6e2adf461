"""Details editors keep in Ustawienia: contacts in the footer, personal data rules, terms."""

from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Site

from core.blocks import BuildingBlock, ChannelBlock
from core.cache_tags import fragment


class SharedSiteSetting(BaseSiteSetting):
    """A site's setting read through one row shared between requests (core.cache_tags):
    the header and footer show the contact settings on every page, every form the privacy
    settings, and every uncached render read them again."""

    class Meta:
        abstract = True

    @classmethod
    def for_request(cls, request):
        """Wagtail's `for_request` (kept on the request), the row shared between requests.
        A save of any setting bumps "all"; the admin's form reads the database
        (`for_site`)."""
        name = cls.get_cache_attr_name()
        if not hasattr(request, name):
            site = Site.find_for_request(request)
            label = cls._meta.label_lower
            instance = fragment(
                f"settings:{label}:{getattr(site, 'pk', None)}", lambda: cls.for_site(site)
            )
            instance._request = request  # as Wagtail's: page URLs without a site lookup
            setattr(request, name, instance)
        return getattr(request, name)


@register_setting(icon="site")
class SiteContactSettings(SharedSiteSetting):
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
    # The department works at its office, but letters go to the city hall's chancellery:
    # residents are told which address is which wherever one is shown.
    correspondence_name = models.CharField(
        "Adresat korespondencji",
        max_length=200,
        default="Urząd Miejski w Dąbrowie Górniczej",
    )
    correspondence_street = models.CharField(
        "Ulica i numer (korespondencja)", max_length=200, default="ul. Graniczna 27"
    )
    correspondence_postal_code = models.CharField(
        "Kod pocztowy (korespondencja)", max_length=6, default="41-300"
    )
    correspondence_city = models.CharField(
        "Miejscowość (korespondencja)", max_length=100, default="Dąbrowa Górnicza"
    )
    channels = StreamField(
        [("channel", ChannelBlock())], blank=True, verbose_name="Kanały kontaktu w stopce"
    )
    # Where a new submission is announced when the person in charge of it (an advisor, a
    # consultation's contact) has no e-mail: the team's shared mailbox (core.public_forms).
    ngo_team_email = models.EmailField(
        "Skrzynka zespołu ds. współpracy z NGO i CAO",
        blank=True,
        help_text="Powiadomienia o prośbach o konsultację, zapisach z opisem potrzeb i uwagach "
        "do ofert (art. 19a), gdy osoba odpowiedzialna nie ma adresu e-mail.",
    )
    consultations_team_email = models.EmailField(
        "Skrzynka zespołu konsultacji społecznych",
        blank=True,
        help_text="Powiadomienia o uwagach w konsultacjach, gdy osoba do kontaktu nie ma "
        "adresu e-mail.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("department_name"), FieldPanel("institution_name")], heading="Nazwa"
        ),
        MultiFieldPanel(
            [FieldPanel("street_address"), FieldPanel("postal_code"), FieldPanel("city")],
            heading="Siedziba wydziału (tu przyjmujemy mieszkańców)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("correspondence_name"),
                FieldPanel("correspondence_street"),
                FieldPanel("correspondence_postal_code"),
                FieldPanel("correspondence_city"),
            ],
            heading="Adres do korespondencji (pisma, uwagi na papierze)",
        ),
        FieldPanel("secretariat_phone"),
        FieldPanel("channels"),
        MultiFieldPanel(
            [FieldPanel("ngo_team_email"), FieldPanel("consultations_team_email")],
            heading="Powiadomienia o zgłoszeniach z formularzy",
        ),
    ]

    class Meta:
        verbose_name = "Dane kontaktowe wydziału"

    @property
    def address_line(self) -> str:
        """The department's office, where residents come: "ul. Sienkiewicza 6a, 41-300 …"."""
        return _address(self.street_address, self.postal_code, self.city)

    @property
    def correspondence_line(self) -> str:
        """Where letters go: the addressee, street, postal code and town on one line."""
        street = _address(
            self.correspondence_street, self.correspondence_postal_code, self.correspondence_city
        )
        return ", ".join(part for part in (self.correspondence_name, street) if part)


def _address(street: str, postal_code: str, city: str) -> str:
    return ", ".join(part for part in (street, f"{postal_code} {city}".strip()) if part)


@register_setting(icon="lock")
class PrivacySettings(SharedSiteSetting):
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
    recipients = models.TextField(
        "Odbiorcy danych",
        default="podmioty, które na podstawie umów powierzenia obsługują dla Urzędu systemy "
        "informatyczne i pocztę elektroniczną (hosting portalu, dostawca poczty), operator "
        "pocztowy przy korespondencji papierowej oraz organy uprawnione na podstawie przepisów "
        "prawa",
        help_text="Art. 13 ust. 1 lit. e RODO: komu dane mogą zostać ujawnione. "
        "Pokazywane w klauzuli każdego formularza i na stronie o prywatności.",
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
        FieldPanel("recipients"),
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


@register_setting(icon="home")
class BuildingAccessibilitySettings(BaseSiteSetting):
    """The places where the department and the CAO receive people, for the accessibility
    statement's "Dostępność architektoniczna" section."""

    buildings = StreamField(
        [("building", BuildingBlock())], blank=True, verbose_name="Miejsca obsługi"
    )
    fallback_contact = models.CharField(
        "Gdzie zapytać o brakującą informację",
        max_length=200,
        blank=True,
        help_text="Pokazywane przy punktach, których nie opisano, np. „sekretariat wydziału, "
        "tel. 602 502 478”. Puste: telefon sekretariatu z danych kontaktowych.",
    )

    panels = [FieldPanel("buildings"), FieldPanel("fallback_contact")]

    class Meta:
        verbose_name = "Dostępność budynków"
