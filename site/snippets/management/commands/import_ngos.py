from datetime import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from snippets.ngo_import import (
    ALL,
    DEFAULT_ENCODING,
    ENCODINGS,
    MAX_FILE_BYTES,
    Decisions,
    import_ngos,
)


def _lines(value: str):
    """'all' or line numbers of the file, comma-separated (from a --dry-run report)."""
    if value.strip().lower() == ALL:
        return ALL
    try:
        return frozenset(int(part) for part in value.split(",") if part.strip())
    except ValueError as error:
        raise CommandError(
            f"Podaj numery wierszy po przecinku albo „all” (jest „{value}”)."
        ) from error


def _moment(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Data eksportu w postaci RRRR-MM-DD GG:MM (jest „{value}”).") from error
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


class Command(BaseCommand):
    help = (
        "Importuje rejestr organizacji z pliku CSV (kolumny jak w eksporcie). Najpierw "
        "sprawdza każdy wiersz; przy choćby jednym błędzie nie zapisuje niczego. "
        "Organizacje rozpoznaje po KRS, a bez niego po NIP – ponowny import aktualizuje. "
        "Pusta komórka nic nie zmienia; [usuń] czyści pole. Organizacje z konfliktem "
        "(zmienione po --exported-at, z wersją roboczą, zablokowane, zaplanowane) i zmiany "
        "KRS/NIP są wstrzymane, dopóki nie wskażesz ich wierszy."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Ścieżka do pliku CSV.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Tylko sprawdź plik i pokaż zmiany."
        )
        parser.add_argument("--user", help="Login osoby, której przypisać zmiany w historii.")
        parser.add_argument(
            "--encoding",
            choices=list(ENCODINGS),
            default=DEFAULT_ENCODING,
            help="Kodowanie pliku (domyślnie UTF-8, z BOM albo bez).",
        )
        parser.add_argument(
            "--exported-at",
            help="Kiedy dane pliku pobrano z rejestru (RRRR-MM-DD GG:MM, czas warszawski); "
            "organizacje zmienione później zostaną wstrzymane.",
        )
        parser.add_argument(
            "--overwrite",
            default="",
            help="Wiersze z konfliktem, które mimo to zmienić (np. 5,17), albo „all”.",
        )
        parser.add_argument(
            "--change-numbers",
            default="",
            help="Wiersze, w których potwierdzasz zmianę KRS lub NIP, albo „all”.",
        )

    def handle(self, *args, path, dry_run=False, user=None, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Nie ma pliku {file}.")
        if file.stat().st_size > MAX_FILE_BYTES:
            raise CommandError(f"Plik jest za duży (najwyżej {MAX_FILE_BYTES // 2**20} MB).")
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"Nie ma konta „{user}”.")
        exported_at = options.get("exported_at")
        report = import_ngos(
            file.read_bytes(),
            user=account,
            dry_run=dry_run,
            encoding=options.get("encoding") or DEFAULT_ENCODING,
            exported_at=_moment(exported_at) if exported_at else None,
            decisions=Decisions(
                overwrite=_lines(options.get("overwrite") or ""),
                change_numbers=_lines(options.get("change_numbers") or ""),
            ),
        )
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(warning))
        for error in report.errors:
            self.stderr.write(str(error))
        if not report.ok:
            raise CommandError(report.summary())
        for record in report.records:
            what = {"create": "nowa", "update": "zmiana", "held": "WSTRZYMANA"}[record.action]
            self.stdout.write(f"wiersz {record.line}: {what} – {record.name}")
            for _kind, reason in record.holds:
                self.stdout.write(f"    ! {reason}")
            for column, old, new in record.changes:
                self.stdout.write(f"    {column}: {old} → {new}")
        if report.not_listed:
            self.stdout.write(f"…i {report.not_listed} kolejnych zmian.")
        self.stdout.write(self.style.SUCCESS(report.summary()))
