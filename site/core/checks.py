"""System checks that need the site's settings in the database (run by `check --deploy`)."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

from wagtail.models import Site

from core.generated_documents import FONT_FILES
from core.models import PrivacySettings


@register(Tags.database, Tags.security, deploy=True)
def data_protection_officer_named(app_configs=None, **kwargs) -> list[Warning]:
    """RODO art. 13(1)(b) and 37(7): every form's clause and the privacy page must give the
    data-protection officer's contact. A missing one is the editors' to fill in, so this
    warns instead of refusing to start. Skipped while the database is not migrated."""
    try:
        named = set(
            PrivacySettings.objects.exclude(data_protection_officer="").values_list(
                "site_id", flat=True
            )
        )
        missing = [site.hostname for site in Site.objects.all() if site.pk not in named]
    except DatabaseError:
        return []
    if not missing:
        return []
    return [
        Warning(
            "Brak kontaktu z inspektorem ochrony danych (Ustawienia → Ochrona danych "
            f"osobowych) dla: {', '.join(missing)}.",
            hint="RODO art. 13 ust. 1 lit. b i art. 37 ust. 7: klauzule formularzy i strona "
            "o prywatności muszą go podawać.",
            id="core.W001",
        )
    ]


@register(Tags.caches, deploy=True)
def page_cache_is_shared(app_configs=None, **kwargs) -> list[Warning]:
    """A local-memory page cache is emptied by a publish only in the process that saved:
    with several app processes the others serve old pages for up to PAGE_CACHE_SECONDS."""
    alias = getattr(settings, "PAGE_CACHE_ALIAS", "default")
    backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
    if not getattr(settings, "PAGE_CACHE_SECONDS", 0) or "locmem" not in backend.lower():
        return []
    return [
        Warning(
            "Pamięć podręczna stron jest lokalna dla procesu: przy kilku procesach serwera "
            "opublikowana zmiana pokaże się w pozostałych dopiero po "
            f"{settings.PAGE_CACHE_SECONDS} s.",
            hint="Ustaw REDIS_URL (wspólna pamięć podręczna) albo uruchom jeden proces; "
            "PAGE_CACHE_SECONDS=0 wyłącza pamięć podręczną stron.",
            id="core.W002",
        )
    ]


@register(deploy=True)
def document_fonts_installed(app_configs=None, **kwargs) -> list[Warning]:
    """Protocols, agreements and reports are written as PDF in DejaVu Sans; without the
    font those downloads fail (the DOCX versions still work)."""
    directory = Path(settings.GENERATED_DOCUMENTS_FONT_DIR)
    missing = [name for name in FONT_FILES if not (directory / name).is_file()]
    if not missing:
        return []
    return [
        Warning(
            f"Brak czcionek do plików PDF w {directory}: {', '.join(missing)}.",
            hint="apt-get install fonts-dejavu-core albo ustaw GENERATED_DOCUMENTS_FONT_DIR.",
            id="core.W003",
        )
    ]
