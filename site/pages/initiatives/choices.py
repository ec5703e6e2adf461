"""The vocabularies of applications: who applies, how deadlines run, statuses (Polish
values and labels for the pages, English values for the API and search). No model here,
so listings, feeds and the API use them without importing the models package."""

from django.db import models


class ApplicantKind(models.TextChoices):
    GROUP = "grupa", "Grupa mieszkańców"
    NGO = "organizacja", "Organizacja pozarządowa z rejestru"


class DeadlineMode(models.TextChoices):
    ROLLING = "ciagly", "Nabór ciągły (wnioski przez cały okres naboru)"
    ROUNDS = "rundy", "Nabór w rundach (terminy ustalone w uchwale)"


class Status(models.TextChoices):
    SUBMITTED = "zlozony", "Złożony – czeka na ocenę formalną"
    TO_CORRECT = "do-uzupelnienia", "Wezwany do uzupełnienia braków"
    FORMALLY_REJECTED = "odrzucony-formalnie", "Odrzucony w ocenie formalnej"
    IN_ASSESSMENT = "w-ocenie", "Poprawny formalnie – w ocenie zespołu"
    ACCEPTED = "przyjety", "Przyjęty do realizacji"
    REFUSED = "nieprzyjety", "Nieprzyjęty do realizacji"
    REALISED = "zrealizowany", "Zrealizowany"
    WITHDRAWN = "wycofany", "Wycofany przez wnioskodawcę"

    @property
    def api_value(self) -> str:
        """The stable English value of the API and of search's status facet."""
        return API_VALUES[self]


API_VALUES = {
    Status.SUBMITTED: "submitted",
    Status.TO_CORRECT: "to_correct",
    Status.FORMALLY_REJECTED: "formally_rejected",
    Status.IN_ASSESSMENT: "in_assessment",
    Status.ACCEPTED: "accepted",
    Status.REFUSED: "refused",
    Status.REALISED: "realised",
    Status.WITHDRAWN: "withdrawn",
}
STATUS_BY_API_VALUE = {value: status for status, value in API_VALUES.items()}

# Decided: the scores may be published from here on (when the year's rules say so).
DECIDED = (Status.ACCEPTED, Status.REFUSED, Status.REALISED)


class Stage(models.TextChoices):
    SUBMISSION = "zlozenie", "Złożenie wniosku"
    FORMAL = "ocena-formalna", "Ocena formalna"
    CORRECTION = "uzupelnienie", "Uzupełnienie braków"
    ASSESSMENT = "ocena", "Ocena zespołu"
    DECISION = "decyzja", "Decyzja"
    IMPLEMENTATION = "realizacja", "Realizacja"
    OTHER = "inne", "Inne"


class MilestoneStatus(models.TextChoices):
    PLANNED = "planowany", "Zaplanowany"
    IN_PROGRESS = "w-trakcie", "W trakcie"
    DONE = "wykonany", "Wykonany"
    DELAYED = "opozniony", "Opóźniony"
    CANCELLED = "odwolany", "Odwołany"
