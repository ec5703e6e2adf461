"""Count the votes of editions whose voting has ended and whose results are not published
(or of one edition). Idempotent: a repeated count gives the same result."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pages.budget.models import BudgetEditionPage
from voting.counting import CountRefused, count_edition
from voting.models import EditionVoting


class Command(BaseCommand):
    help = "Liczy głosy w edycjach budżetu po zakończeniu głosowania (powtarzalnie)."

    def add_arguments(self, parser):
        parser.add_argument("--edition", type=int, help="Identyfikator strony edycji.")

    def handle(self, *args, edition=None, **options):
        now = timezone.now()
        editions = BudgetEditionPage.objects.all()
        if edition is not None:
            editions = editions.filter(pk=edition)
            if not editions.exists():
                raise CommandError(f"Nie ma edycji {edition}.")
        else:
            published = EditionVoting.objects.filter(
                results_published_at__isnull=False
            ).values_list("edition_id", flat=True)
            editions = editions.filter(results_from__lte=now).exclude(pk__in=published)
        for found in editions:
            try:
                voting = count_edition(found, now)
            except CountRefused as refused:
                if edition is not None:
                    raise CommandError(str(refused)) from None
                continue
            summary = voting.summary
            self.stdout.write(
                f"{found.title}: kart {summary['ballots']}, ważnych {summary['valid']}, "
                f"nieważnych {summary['invalid']}."
            )
