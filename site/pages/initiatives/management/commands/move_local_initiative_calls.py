from django.core.management.base import BaseCommand, CommandError

from pages.initiatives.legacy_calls import move_calls


class Command(BaseCommand):
    help = (
        "Przenosi ogłoszenia w trybie „inicjatywa lokalna” z konkursów do działu Inicjatywa "
        "lokalna (szkice zasad roku), zdejmuje je z konkursów i dodaje przekierowania 301 "
        "z ich dawnych adresów. Można uruchamiać wielokrotnie."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--konkursy",
            default=None,
            help="Adres listy konkursów (domyślnie adres opublikowanej strony konkursów).",
        )

    def handle(self, *args, **options):
        try:
            moved = move_calls(options["konkursy"])
        except LookupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Utworzono szkiców zasad: {len(moved.created)}; dołączono do istniejących: "
            f"{len(moved.linked)}; przekierowań: {len(moved.redirects)}."
        )
