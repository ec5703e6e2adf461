"""An NGO import started in the admin and run by the task worker (pages.registry.tasks).

An upload is first checked (a dry run whose report lists every change and every held
record); the importer's choices on that report start a second job that writes, on a copy
of the same file, so the lines the choices name are the lines that were checked.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Length

from snippets.ngo_import import DEFAULT_ENCODING, ENCODINGS, Decisions, ImportReport


class NGOImportJob(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "W kolejce – czeka na proces zadań w tle"
        CHECKING = "checking", "Sprawdzanie wierszy"
        WRITING = "writing", "Zapisywanie organizacji"
        INDEXING = "indexing", "Aktualizacja wyszukiwarek"
        DONE = "done", "Zakończony"
        FAILED = "failed", "Przerwany przez błąd"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField("Zlecony", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Zlecił(a)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file_name = models.CharField("Plik", max_length=255)
    # The uploaded file until the import ends (a worker on another machine reads it here).
    data = models.BinaryField("Zawartość pliku", default=b"")
    dry_run = models.BooleanField("Tylko sprawdzenie", default=False)
    encoding = models.CharField(
        "Kodowanie", max_length=16, choices=list(ENCODINGS.items()), default=DEFAULT_ENCODING
    )
    exported_at = models.DateTimeField("Dane w pliku na", null=True, blank=True)
    # The importer's choices on the checked file's held records: lines of the file,
    # {"overwrite": [...], "change_numbers": [...]}.
    decisions = models.JSONField("Decyzje", default=dict, blank=True)
    checked_by = models.ForeignKey(
        "self",
        verbose_name="Na podstawie sprawdzenia",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField("Stan", max_length=16, choices=State.choices, default=State.QUEUED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    report = models.JSONField("Wynik", null=True, blank=True)
    # The records written, until the search indexes have them (a re-run picks up here).
    written_ids = models.JSONField(default=list, blank=True)
    finished_at = models.DateTimeField("Zakończony", null=True, blank=True)

    class Meta:
        verbose_name = "Import rejestru NGO"
        verbose_name_plural = "Importy rejestru NGO"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_state_display()})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def percent(self) -> int | None:
        if not self.progress_total:
            return None
        return min(100, round(100 * self.progress_done / self.progress_total))

    def get_report(self) -> ImportReport | None:
        if self.report is None:
            return None
        return ImportReport.from_dict(self.report)

    def get_decisions(self) -> Decisions:
        return Decisions(
            overwrite=frozenset(self.decisions.get("overwrite", [])),
            change_numbers=frozenset(self.decisions.get("change_numbers", [])),
        )

    @property
    def can_be_written(self) -> bool:
        """A finished, clean check with something to write (its file is kept until
        then: see `file_kept`)."""
        report = self.get_report()
        return (
            self.dry_run
            and self.state == self.State.DONE
            and report is not None
            and report.ok
            and bool(report.created or report.updated or report.held)
        )

    def file_kept(self) -> bool:
        """Whether the uploaded file is still stored (without loading it)."""
        size = Length("data")
        return (
            NGOImportJob.objects.filter(pk=self.pk).annotate(size=size).filter(size__gt=0).exists()
        )

    def set_progress(self, state: str, done: int, total: int) -> None:
        """Record how far the import got (an UPDATE outside the import's transaction)."""
        NGOImportJob.objects.filter(pk=self.pk).update(
            state=state, progress_done=done, progress_total=total
        )
