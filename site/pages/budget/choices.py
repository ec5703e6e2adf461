"""The vocabularies of projects: categories and statuses (Polish values and labels for the
pages, English values for the API and search). No model here, so listings and feeds use
them without importing the models package."""

from django.db import models


class Category(models.TextChoices):
    GREENERY = "zielen", "Zieleń i ekologia"
    SPORT = "sport", "Sport i rekreacja"
    ROADS = "drogi", "Drogi, chodniki, rowery"
    CULTURE = "kultura", "Kultura"
    EDUCATION = "edukacja", "Edukacja"
    SOCIAL = "spoleczne", "Pomoc społeczna i zdrowie"
    SAFETY = "bezpieczenstwo", "Bezpieczeństwo"
    OTHER = "inne", "Inne"


class Status(models.TextChoices):
    SUBMITTED = "zgloszony", "Zgłoszony – czeka na ocenę formalną"
    TO_CORRECT = "do-uzupelnienia", "Wezwany do uzupełnienia braków"
    FORMALLY_CORRECT = "poprawny-formalnie", "Poprawny formalnie – w ocenie merytorycznej"
    FORMALLY_REJECTED = "odrzucony-formalnie", "Odrzucony w ocenie formalnej"
    POSITIVE = "oceniony-pozytywnie", "Oceniony pozytywnie"
    NEGATIVE = "oceniony-negatywnie", "Oceniony negatywnie"
    ON_BALLOT = "do-glosowania", "Dopuszczony do głosowania"
    SELECTED = "wybrany", "Wybrany do realizacji"
    NOT_SELECTED = "niewybrany", "Niewybrany w głosowaniu"
    IMPLEMENTED = "zrealizowany", "Zrealizowany"
    WITHDRAWN = "wycofany", "Wycofany przez autora"
    MERGED = "polaczony", "Połączony z innym projektem"

    @property
    def api_value(self) -> str:
        """The stable English value of the API and of search's status facet."""
        return API_VALUES[self]


API_VALUES = {
    Status.SUBMITTED: "submitted",
    Status.TO_CORRECT: "to_correct",
    Status.FORMALLY_CORRECT: "formally_correct",
    Status.FORMALLY_REJECTED: "formally_rejected",
    Status.POSITIVE: "positive",
    Status.NEGATIVE: "negative",
    Status.ON_BALLOT: "on_ballot",
    Status.SELECTED: "selected",
    Status.NOT_SELECTED: "not_selected",
    Status.IMPLEMENTED: "implemented",
    Status.WITHDRAWN: "withdrawn",
    Status.MERGED: "merged",
}
STATUS_BY_API_VALUE = {value: status for status, value in API_VALUES.items()}


# Negative decisions an author may appeal against, and the status an upheld appeal gives.
APPEALABLE = {
    Status.FORMALLY_REJECTED: Status.FORMALLY_CORRECT,
    Status.NEGATIVE: Status.POSITIVE,
}
# Statuses in which the author may still edit the project (while the phase allows).
EDITABLE = (Status.SUBMITTED, Status.TO_CORRECT)


# Projects whose realisation is followed: selected by the vote or a meeting's consensus.
FOLLOWED = (Status.SELECTED, Status.IMPLEMENTED)


class Progress(models.TextChoices):
    PREPARING = "w-przygotowaniu", "w przygotowaniu"
    IN_PROGRESS = "w-realizacji", "w realizacji"
    DONE = "zrealizowany", "zrealizowany"
    NOT_DONE = "niezrealizowany", "niezrealizowany"

    @property
    def api_value(self) -> str:
        return PROGRESS_API_VALUES[self]


PROGRESS_API_VALUES = {
    Progress.PREPARING: "preparing",
    Progress.IN_PROGRESS: "in_progress",
    Progress.DONE: "completed",
    Progress.NOT_DONE: "not_completed",
}
