from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from snippets.ngo_import import import_ngos


class Command(BaseCommand):
    help = (
        "Importuje rejestr organizacji z pliku CSV (kolumny jak w eksporcie). Najpierw "
        "sprawdza każdy wiersz; przy choćby jednym błędzie nie zapisuje niczego. "
        "Organizacje rozpoznaje po KRS, a bez niego po NIP – ponowny import aktualizuje."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Ścieżka do pliku CSV.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Tylko sprawdź plik, niczego nie zapisuj."
        )
        parser.add_argument("--user", help="Login osoby, której przypisać zmiany w historii.")

    def handle(self, *args, path, dry_run=False, user=None, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Nie ma pliku {file}.")
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"Nie ma konta „{user}”.")
        report = import_ngos(file.read_bytes(), user=account, dry_run=dry_run)
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(warning))
        for error in report.errors:
            self.stderr.write(str(error))
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))
