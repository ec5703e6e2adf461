"""The NGO import from start to end: read, check, plan, and (unless a dry run) write.

Every row is checked first; if any is wrong, nothing is written and the report lists each
problem (line, column, reason). Otherwise the plan is written in one transaction; an
error of the database at that moment (a KRS another session inserted meanwhile, a record
changed meanwhile) rolls it all back and becomes the same per-line report.
"""

import logging
from datetime import datetime

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from core.page_cache import invalidate_page_cache
from snippets import ngo_table
from snippets.models import NGO
from snippets.ngo_import.cells import RowChecker
from snippets.ngo_import.decoding import DEFAULT_ENCODING, DecodingError, decode, read_rows
from snippets.ngo_import.planning import Decisions, plan
from snippets.ngo_import.publishing import ChangedMeanwhile, write
from snippets.ngo_import.report import ImportReport, RowError
from snippets.ngo_import_index import no_progress, reindex_imported

logger = logging.getLogger(__name__)

MAX_ROWS = 50_000
# The largest file, in the admin and on the command line alike: 50,000 rows of the
# export with long descriptions.
MAX_FILE_BYTES = 200 * 1024 * 1024
PROGRESS_EVERY = 500  # rows checked between two progress reports
# Columns of the open-data file that describe a record but are not imported.
IGNORED_COLUMNS = {"adres_w_portalu"}
NO_DECISIONS = Decisions()  # every held record stays as it is


def import_ngos(
    data: bytes,
    *,
    user=None,
    dry_run: bool = False,
    encoding: str = DEFAULT_ENCODING,
    exported_at: datetime | None = None,
    decisions: Decisions = NO_DECISIONS,
    progress=no_progress,
    on_written=None,
) -> ImportReport:
    """Check every row of DATA (a CSV file) and, if all are right, write the plan.

    EXPORTED_AT is when the file's data were taken from the registry: records changed
    after it are held back (as are drafts, locked and scheduled records) unless
    DECISIONS names their lines. PROGRESS(state, done, total) hears how far it got,
    outside any transaction. ON_WRITTEN(report, pks), if given, is called inside the
    transaction that writes the rows (to record the outcome atomically with them) and
    the caller sees to `reindex_imported(pks)` (the admin's job queues it as a task in
    that transaction); without it the import re-indexes on commit.
    """
    report = ImportReport(dry_run=dry_run)
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        report.errors.append(RowError(0, "", f"plik jest za duży (najwyżej {limit} MB)."))
        return report
    try:
        header, raw_rows, row_errors = read_rows(decode(data, encoding))
    except DecodingError as refused:
        report.errors.append(refused.error)
        return report
    report.rows = len(raw_rows)
    report.errors += row_errors
    if not header:
        report.errors.append(RowError(0, "", "plik jest pusty."))
        return report
    _check_header(header, report)
    if exported_at is None:
        report.warnings.append(
            "Nie podano, z kiedy są dane w pliku: zmiany wprowadzone w rejestrze po jego "
            "przygotowaniu nie są wykrywane – sprawdź listę zmian przed zapisem."
        )
    if report.errors:
        return report

    checker = RowChecker(header)
    rows = []
    for number, (line, cells) in enumerate(raw_rows):
        if number % PROGRESS_EVERY == 0:
            progress("checking", number, report.rows)
        parsed, errors = checker.check(line, cells)
        report.errors.extend(errors)
        if parsed is not None:
            rows.append(parsed)
    creates, updates = plan(rows, report, exported_at=exported_at, decisions=decisions)
    report.errors.sort(key=lambda error: error.line)
    if report.errors or dry_run or not (creates or updates):
        return report
    if any(update.ngo.has_unpublished_changes and update.ngo.live for update in updates):
        report.warnings.append(
            "Wybrane organizacje miały nieopublikowane wersje robocze: import opublikował "
            "swoją wersję, a wersje robocze zostały w historii zmian."
        )
    progress("writing", 0, len(creates) + len(updates))
    try:
        with transaction.atomic():
            pks = [ngo.pk for ngo in write(creates, updates, user, timezone.now())]
            # Bulk writes send no post_save, so the page cache does not hear of them.
            transaction.on_commit(invalidate_page_cache)
            if on_written is None:
                transaction.on_commit(lambda: reindex_imported(pks))
            else:
                on_written(report, pks)
    except ChangedMeanwhile as changed:
        _refused(report, changed.errors)
    except IntegrityError as error:
        _refused(report, _integrity_errors(creates, updates) or [_database_error(error)])
    except DatabaseError as error:
        _refused(report, [_database_error(error)])
    return report


def _check_header(header: list[str], report: ImportReport) -> None:
    known = {*ngo_table.COLUMN_NAMES, *IGNORED_COLUMNS}
    unknown = [name for name in header if name and name not in known]
    if unknown:
        report.warnings.append("Pominięto nieznane kolumny: " + ", ".join(unknown) + ".")
    if "krs" not in header and "nip" not in header:
        report.errors.append(RowError(1, "krs", "potrzebna kolumna „krs” albo „nip”."))
    if report.rows > MAX_ROWS:
        report.errors.append(RowError(0, "", f"najwyżej {MAX_ROWS} wierszy w jednym pliku."))


def _refused(report: ImportReport, errors: list[RowError]) -> None:
    """The write was rolled back: the report says so, by line, and counts nothing."""
    report.created = report.updated = 0
    report.records = []
    report.errors = sorted(errors, key=lambda error: error.line)


def _database_error(error: Exception) -> RowError:
    logger.exception("NGO import: the database refused the write")
    return RowError(0, "", f"baza danych odrzuciła zapis ({type(error).__name__}): {error}")


def _integrity_errors(creates, updates) -> list[RowError]:
    """Which rows collide with records written by someone else while this import ran."""
    lines = {}
    for row in creates:
        for field in ("krs", "nip"):
            if row.values.get(field):
                lines[(field, row.values[field])] = row.line
    for update in updates:
        for field in ("krs", "nip"):
            if field in update.fields and update.row.values[field]:
                lines[(field, update.row.values[field])] = update.row.line
    errors = []
    mine = {update.ngo.pk for update in updates}
    for field in ("krs", "nip"):
        numbers = [number for kind, number in lines if kind == field]
        taken = NGO.objects.filter(**{f"{field}__in": numbers}).exclude(pk__in=mine)
        for number, name in taken.values_list(field, "name"):
            errors.append(
                RowError(
                    lines[(field, number)],
                    field,
                    f"{field.upper()} {number} ma już organizacja „{name}”, dodana w rejestrze "
                    "w trakcie importu; nie zapisano niczego – sprawdź plik ponownie.",
                )
            )
    return errors
