from django.core.management.base import BaseCommand

from core.retention import (
    purge_by_own_rules,
    purge_expired_access_records,
    purge_expired_personal_data,
)


class Command(BaseCommand):
    help = "Usuwa dane osobowe z formularzy, których okres przechowywania minął (RODO)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Tylko policz, niczego nie zmieniaj."
        )

    def handle(self, *args, dry_run=False, **options):
        cleared = purge_expired_personal_data(dry_run=dry_run)
        verb = "do usunięcia" if dry_run else "usunięto"
        for label, count in sorted(cleared.items()):
            self.stdout.write(f"{label}: {verb} dane z {count} zgłoszeń")
        if not cleared:
            self.stdout.write("Brak formularzy z danymi osobowymi.")
        for label, count in sorted(purge_by_own_rules(dry_run=dry_run).items()):
            self.stdout.write(f"{label}: {verb} {count} wpisów (własna reguła modelu)")
        records = purge_expired_access_records(dry_run=dry_run)
        self.stdout.write(f"Rejestr dostępu do danych osobowych: {verb} {records} wpisów")
