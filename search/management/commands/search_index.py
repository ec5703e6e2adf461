from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils import timezone

from search import indexing
from search.backends import BackendUnavailable, backend_name, get_backend, get_database_backend
from search.models import IndexedLemma, LemmaForm, SearchEntry, SearchQueryStat


class Command(BaseCommand):
    help = (
        "Indeks wyszukiwarki portalu. rebuild: opróżnia i buduje od nowa; "
        "update: indeksuje wszystko ponownie i usuwa nieaktualne pozycje (bez przerwy "
        "w działaniu wyszukiwarki); status: stan indeksu; "
        "prune-log: usuwa stare statystyki zapytań."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "status", "prune-log"])
        parser.add_argument(
            "--type",
            dest="kinds",
            action="append",
            help="Tylko ten rodzaj (np. document); można podać kilka razy. Dla update.",
        )
        parser.add_argument(
            "--days", type=int, default=400, help="prune-log: zachowaj tyle ostatnich dni."
        )

    def handle(self, *args, action, kinds=None, days=400, **options):
        if action == "rebuild":
            if kinds:
                raise CommandError(
                    "rebuild buduje cały indeks; dla wybranych rodzajów użyj update."
                )
            report = indexing.rebuild_all(log=self._log)
            self._summary("Zbudowano indeks od nowa", report)
        elif action == "update":
            report = indexing.update_all(kinds=kinds, log=self._log)
            self._summary("Zaktualizowano indeks", report)
        elif action == "status":
            self._status()
        else:
            cutoff = timezone.localdate() - timedelta(days=days)
            deleted, _ = SearchQueryStat.objects.filter(day__lt=cutoff).delete()
            self.stdout.write(f"Usunięto statystyki sprzed {cutoff}: {deleted}.")

    def _log(self, line: str) -> None:
        self.stdout.write(f"  {line}")

    def _summary(self, title, report) -> None:
        self.stdout.write(
            self.style.SUCCESS(f"{title}: {report.indexed} pozycji, usunięto {report.removed}.")
        )

    def _status(self) -> None:
        self.stdout.write(f"Backend: {backend_name()}")
        rows = (
            SearchEntry.objects.values("kind", "visibility")
            .annotate(count=Count("pk"))
            .order_by("kind", "visibility")
        )
        total = 0
        for row in rows:
            total += row["count"]
            self.stdout.write(f"  {row['kind']:<14} {row['visibility']:<7} {row['count']:>8}")
        self.stdout.write(f"Pozycji w indeksie: {total}")
        failed = SearchEntry.objects.exclude(extraction_error="").count()
        self.stdout.write(f"Dokumenty bez odczytanej treści: {failed}")
        self.stdout.write(
            f"Słownik: {IndexedLemma.objects.count()} lematów, {LemmaForm.objects.count()} form"
        )
        database = get_database_backend().status()
        self.stdout.write(
            f"Pełnotekstowy indeks bazy ({database['backend']}): {database['documents']}"
        )
        backend = get_backend()
        if backend.mirrors:
            try:
                status = backend.status()
                state = "zgodny" if status["documents"] == total else "NIEZGODNY – uruchom update"
                self.stdout.write(
                    f"{backend.name} ({status['index']}): {status['documents']} – {state}"
                )
            except BackendUnavailable as exc:
                self.stdout.write(self.style.WARNING(f"{backend.name} niedostępny: {exc}"))
