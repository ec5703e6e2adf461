"""Without its key the voter hash would be unkeyed (reversible by trying every PESEL)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

MIN_KEY_LENGTH = 32


@register(Tags.security)
def voter_hash_key_set(app_configs=None, **kwargs) -> list[Error]:
    key = getattr(settings, "VOTER_ID_HASH_KEY", "") or ""
    if len(key) >= MIN_KEY_LENGTH:
        return []
    return [
        Error(
            "VOTER_ID_HASH_KEY nie jest ustawiony albo jest krótszy niż "
            f"{MIN_KEY_LENGTH} znaki: numery PESEL głosujących nie byłyby chronione.",
            hint="Ustaw w środowisku losowy klucz (np. `openssl rand -hex 32`); nie zmieniaj "
            "go w trakcie edycji – zmiana unieważnia zaimportowany rejestr i blokadę "
            "ponownego głosowania.",
            id="voting.E001",
        )
    ]
