from django.core.management.base import BaseCommand

from alerts.clock import tick


class Command(BaseCommand):
    help = (
        "Powiadomienia e-mail: zleca wysyłkę tego, co ustawił zegar (otwarcie konsultacji, "
        "ostatnie dni, terminy) i zestawień dziennych i tygodniowych. Uruchamiaj z crona "
        "co 5 minut."
    )

    def handle(self, *args, **options):
        done = tick()
        self.stdout.write(
            f"Zdarzenia: {done['moments']}; zestawienia dzienne: {done['daily']}, "
            f"tygodniowe: {done['weekly']} adresów"
        )
