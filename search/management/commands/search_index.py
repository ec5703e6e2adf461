from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from search import indexing
from search.backends import BackendUnavailable, backend_name, get_backend, get_database_backend
from search.backends.schema import refill
from search.integrity import check_index
from search.models import IndexedLemma, IndexFailure, LemmaForm, SearchEntry, SearchQueryStat
from search.refresh import due_entries, refresh_due_entries

REPAIR = "python manage.py search_index repair"
REAPPLY = "python manage.py migrate search 0004 && python manage.py migrate search"


class Command(BaseCommand):
    help = (
        "Indeks wyszukiwarki portalu. rebuild: buduje od nowa (w jednej transakcji: "
        "wyszukiwarka działa na starym indeksie do końca); update: indeksuje wszystko "
        "ponownie i usuwa nieaktualne pozycje; status: stan indeksu i zgodność jego tabel "
        "z pozycjami (kod wyjścia 1 przy niezgodności); repair: odtwarza tabele "
        "pełnotekstowe z pozycji; refresh-due: odświeża pozycje, których stan zmienił się "
        "z upływem czasu (uruchamiać co kilka minut, np. z crona); "
        "prune-log: usuwa stare statystyki zapytań."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "action",
            choices=["rebuild", "update", "status", "repair", "refresh-due", "prune-log"],
        )
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
        elif action == "repair":
            with transaction.atomic():
                refill(connection)
            self.stdout.write(self.style.SUCCESS("Odtworzono tabele pełnotekstowe z pozycji."))
        elif action == "refresh-due":
            done = refresh_due_entries()
            self.stdout.write(f"Odświeżono pozycji: {done}.")
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
        self.stdout.write(f"Błędy indeksowania (panel: Raporty): {IndexFailure.objects.count()}")
        self.stdout.write(f"Czeka na odświeżenie (refresh-due): {due_entries().count()}")
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

        self._consistency()

    def _consistency(self) -> None:
        """The full-text tables against the entries; exit status 1 when they disagree."""
        check = check_index()
        self.stdout.write(f"Zgodność tabel pełnotekstowych z pozycjami ({check.entries}):")
        for name in check.missing_objects:
            self.stdout.write(self.style.ERROR(f"  brak obiektu: {name}"))
        for table in check.tables:
            line = (
                f"  {table.table}: {table.rows} wierszy, brakuje {table.missing}, "
                f"zbędnych {table.extra}, nieaktualnych {table.stale}"
            )
            self.stdout.write(line if table.ok else self.style.ERROR(line))
        if check.facet_numbers:
            taken, maximum = check.facet_numbers
            self.stdout.write(f"  numery faset: wykorzystano {taken} z {maximum}")
        if check.missing_objects:
            raise CommandError(
                "Schemat indeksu różni się od migracji. Odtwórz go ponownym zastosowaniem "
                f"migracji 0005 (usuwa też listę błędów indeksowania): {REAPPLY}"
            )
        if not check.ok:
            raise CommandError(f"Tabele indeksu niezgodne z pozycjami. Napraw: {REPAIR}")
        self.stdout.write(self.style.SUCCESS("Tabele indeksu zgodne z pozycjami."))
