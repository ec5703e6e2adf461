from django.core.management.base import BaseCommand

from webhooks.clock import tick


class Command(BaseCommand):
    help = (
        "Webhooki: zleca powiadomienia o tym, co zmienił zegar (oferta publikowana od "
        "swojego dnia, otwarcie i zamknięcie konsultacji, terminy naborów). Uruchamiaj "
        "z crona co 5 minut."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Zmiany zegara do ogłoszenia: {tick()}")
