"""The fixed vocabularies of the CAO: topics, audiences, forms of advice and event kinds.

Values are Polish slugs because they travel in public URLs (`/poradniki/?temat=wolontariat`).
"""

from django.db import models


class Topic(models.TextChoices):
    LEGAL = "prawo", "Prawo i sprawy formalne"
    ACCOUNTING = "ksiegowosc", "Księgowość i finanse"
    FUNDRAISING = "pozyskiwanie-srodkow", "Pozyskiwanie środków"
    GRANTS = "dotacje", "Dotacje z budżetu miasta"
    FOUNDING = "zakladanie-organizacji", "Zakładanie organizacji"
    VOLUNTEERING = "wolontariat", "Wolontariat"
    PROJECTS = "pisanie-projektow", "Pisanie projektów"
    PROMOTION = "promocja", "Promocja i komunikacja"
    SOCIAL_ECONOMY = "ekonomia-spoleczna", "Ekonomia społeczna"
    CIVIC = "aktywnosc-obywatelska", "Aktywność obywatelska"
    OTHER = "inne", "Inne"


class Audience(models.TextChoices):
    NGOS = "organizacje", "Organizacje pozarządowe"
    SOCIAL_ECONOMY = "ekonomia-spoleczna", "Podmioty ekonomii społecznej"
    INFORMAL_GROUPS = "grupy-nieformalne", "Grupy nieformalne"
    RESIDENTS = "mieszkancy", "Mieszkańcy"
    SENIORS = "seniorzy", "Seniorzy"
    YOUTH = "mlodziez", "Młodzież"
    EVERYONE = "wszyscy", "Wszyscy zainteresowani"


class EventKind(models.TextChoices):
    TRAINING = "szkolenie", "Szkolenie"
    WORKSHOP = "warsztaty", "Warsztaty"
    CONFERENCE = "konferencja", "Konferencja"
    PUBLIC_BENEFIT_COUNCIL = "rada-pozytku", "Posiedzenie Rady Działalności Pożytku Publicznego"
    SENIOR_COUNCIL = "rada-seniorow", "Posiedzenie Rady Seniorów"
    YOUTH_COUNCIL = "mlodziezowa-rada", "Sesja Młodzieżowej Rady Miasta"
    NGO_FORUM = "forum-organizacji", "Dąbrowskie Forum Organizacji Pozarządowych"
    MEETING = "spotkanie", "Spotkanie"


class Registration(models.TextChoices):
    NONE = "brak", "Bez zapisów"
    OPEN = "otwarte", "Zapisy przez portal otwarte"
    CLOSED = "zamkniete", "Zapisy zamknięte"


def audiences_matching(value: str) -> list[str]:
    """The audiences an item may carry to be shown to VALUE: itself, and 'everyone'."""
    if value == Audience.EVERYONE:
        return [Audience.EVERYONE]
    return [value, Audience.EVERYONE]
