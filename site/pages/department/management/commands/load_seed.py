from django.core.management.base import BaseCommand

from pages.department.seed import load_seed


class Command(BaseCommand):
    help = (
        "Buduje strony wydziału, zespołów, kontaktu i deklaracji dostępności oraz osoby "
        "z pliku danych projektu. Można uruchamiać wielokrotnie."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Nadpisz istniejące strony i osoby danymi z pliku (domyślnie zostają bez zmian).",
        )

    def handle(self, *args, update=False, **options):
        report = load_seed(update=update)
        for line in report.created:
            self.stdout.write(f"utworzono {line}")
        for line in report.updated:
            self.stdout.write(f"zaktualizowano {line}")
        if not report.created and not report.updated:
            self.stdout.write("Wszystko już jest – nic nie zmieniono.")
