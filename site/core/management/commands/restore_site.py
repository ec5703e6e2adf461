from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Odtwarza kopię zapasową (backup_site) do nowej, pustej bazy i pustego MEDIA_ROOT "
        "(docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="Katalog kopii zrobionej backup_site.")

    def handle(self, *args, source, **options):
        try:
            restored = restore_backup(source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Odtworzono kopię z {restored['created_at']}: baza i {restored['files']} plików."
            " Dalej: manage.py migrate (kod nowszy od kopii) i manage.py search_index status."
        )
