"""The fixed vocabularies of councils. Values are Polish slugs (public list filters)."""

from django.db import models


class BodyKind(models.TextChoices):
    PUBLIC_BENEFIT = "rada-pozytku", "Rada Działalności Pożytku Publicznego"
    NGO_FORUM = "forum-organizacji", "Forum organizacji pozarządowych"
    SENIORS = "rada-seniorow", "Rada Seniorów"
    YOUTH = "mlodziezowa-rada", "Młodzieżowa Rada Miasta"
    OSIEDLE = "rada-osiedla", "Rada osiedla"
    OTHER = "inny", "Inny organ doradczy"


class Role(models.TextChoices):
    CHAIR = "przewodniczacy", "Przewodniczący/przewodnicząca"
    DEPUTY = "zastepca", "Zastępca przewodniczącego"
    SECRETARY = "sekretarz", "Sekretarz"
    MEMBER = "czlonek", "Członek/członkini"


# Roles in the order a list of members shows them.
ROLE_ORDER = {role: rank for rank, role in enumerate(Role)}


class Represents(models.TextChoices):
    NGO = "organizacja", "Organizacja pozarządowa"
    CITY_COUNCIL = "rada-miejska", "Rada Miejska"
    PRESIDENT = "prezydent", "Prezydent Miasta"
    RESIDENTS = "mieszkancy", "Mieszkańcy"
    SCHOOL = "szkola", "Szkoła lub uczelnia"
    OTHER = "inne", "Inne"


class ResolutionKind(models.TextChoices):
    RESOLUTION = "uchwala", "Uchwała"
    OPINION = "opinia", "Opinia"
    POSITION = "stanowisko", "Stanowisko"


class ResolutionStatus(models.TextChoices):
    ADOPTED = "przyjeta", "przyjęta"
    REJECTED = "odrzucona", "odrzucona"

    @property
    def api_value(self) -> str:
        return {"przyjeta": "adopted", "odrzucona": "rejected"}[self.value]


RESOLUTION_API_VALUES = {status.api_value: status for status in ResolutionStatus}


class RecruitmentKind(models.TextChoices):
    RECRUITMENT = "nabor", "Nabór członków"
    ELECTION = "wybory", "Wybory"
