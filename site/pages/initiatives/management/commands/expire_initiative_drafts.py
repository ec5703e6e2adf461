from django.core.management.base import BaseCommand

from pages.initiatives.expiry import expire_unconfirmed


class Command(BaseCommand):
    help = (
        "Usuwa wnioski o inicjatywę lokalną niepotwierdzone e-mailem w czasie, który dają "
        "zasady roku. Uruchamiać codziennie (obok purge_personal_data)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Usunięto niepotwierdzonych wniosków: {expire_unconfirmed()}")
