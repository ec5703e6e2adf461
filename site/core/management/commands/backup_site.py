from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, create_backup, default_destination


class Command(BaseCommand):
    help = (
        "Kopia zapasowa: baza PostgreSQL (pg_dump) i przesłane pliki (MEDIA_ROOT) w nowym "
        "katalogu (docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="Nowy katalog kopii (domyślnie VAR_DIR/backups/backup-RRRRMMDD-GGMMSS).",
        )

    def handle(self, *args, output=None, **options):
        try:
            destination = create_backup(output or default_destination())
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Kopia zapisana w {destination}")
