"""What the portal says about the personal data it processes (RODO art. 13).

Each form's model (a `core.models.Submission`) declares its purpose, required data and
where its retention starts; the clause beside the form and the privacy page both read
those declarations, so they never disagree. Processing that is not a public form (a
partner's proposal in the NGO zone, the web server's logs) is declared as a `Processing`:
a model sets `privacy_processing`, and the server's logs are described here from
settings (SERVER_LOG_RETENTION_DAYS), since no model holds them.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings

from core.models import Submission
from core.text import pluralize_pl

PRIVACY_PAGE_URL = "/polityka-prywatnosci/"


@dataclass(frozen=True)
class Processing:
    """Personal data processed outside the public forms, as the privacy page lists it."""

    name: str  # "Propozycje zmian danych organizacji (strefa partnerów NGO)"
    purpose: str  # "w celu …"
    data: str  # what is processed
    basis: str  # the legal basis, with its article
    retention: str  # for how long, in full


def submission_models() -> list[type[Submission]]:
    """Every form model that takes personal data, in the order of their names (each must
    declare its `privacy_form_name`: tests/pages/department/test_privacy_policy.py checks)."""
    found = [model for model in apps.get_models() if issubclass(model, Submission)]
    return sorted(found, key=lambda model: model.privacy_form_name or model._meta.label)


def server_logs() -> Processing:
    days = settings.SERVER_LOG_RETENTION_DAYS
    return Processing(
        name="Dzienniki serwera (logi)",
        purpose="zapewnienia bezpieczeństwa portalu, wykrywania nadużyć i usuwania błędów",
        data="adres IP, data i godzina, adres otwartej strony, kod odpowiedzi i nazwa "
        "przeglądarki – przy każdym wejściu na stronę, także bez logowania",
        basis="art. 6 ust. 1 lit. e RODO w związku z art. 32 RODO (bezpieczeństwo "
        "przetwarzania danych)",
        retention=f"{pluralize_pl(days, 'dzień', 'dni', 'dni')}, potem dzienniki są usuwane",
    )


def other_processing() -> list[Processing]:
    """Processing outside the public forms: what models declare, then the server's logs."""
    declared = [
        model.privacy_processing
        for model in apps.get_models()
        if isinstance(getattr(model, "privacy_processing", None), Processing)
    ]
    return [*sorted(declared, key=lambda item: item.name), server_logs()]
