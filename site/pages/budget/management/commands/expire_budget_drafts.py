from django.core.management.base import BaseCommand

from pages.budget.drafts import expire_unconfirmed


class Command(BaseCommand):
    help = (
        "Usuwa zgłoszenia projektów budżetu niepotwierdzone e-mailem w czasie, który daje "
        "edycja. Uruchamiać codziennie (obok purge_personal_data)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Usunięto niepotwierdzonych zgłoszeń: {expire_unconfirmed()}")
