"""The NGO import started in the admin, as tasks of the worker.

`run_ngo_import` checks and writes; the write queues `index_ngo_import` (Wagtail's own
search index of the written records, a third of the work) with the rows, so the write
ends when they are committed and the index follows as a task of its own. The job stays
"Aktualizacja wyszukiwarek" with its progress until that task is done.

Either task may run again from its start (a retry, or its worker died): before the rows
are committed, the killed run's transaction was rolled back and the import starts over;
once they are (the report, the written records and the index task are stored in that
same transaction), the import's task has nothing left to do and the index task, which is
idempotent, indexes again. Either way the records are written once and the report says
what that one write did.
"""

import dataclasses

from django.utils import timezone

from django_tasks import task

from core.page_cache import invalidate_page_cache
from pages.registry.models import NGOImportJob
from search.signal_handlers import enqueue
from snippets.ngo_import import ImportReport, RowError, import_ngos
from snippets.ngo_import_index import reindex_imported

State = NGOImportJob.State


def _finish(job: NGOImportJob, **fields) -> None:
    # A clean check keeps its file: the importer's choices on it start the write.
    keep = job.dry_run and fields.get("report", {}).get("errors") == []
    if not keep:
        fields["data"] = b""
    NGOImportJob.objects.filter(pk=job.pk).update(
        state=State.DONE, written_ids=[], finished_at=timezone.now(), **fields
    )


@task()
def run_ngo_import(job_id: str) -> str:
    job = NGOImportJob.objects.filter(pk=job_id).first()
    if job is None or job.finished:
        return "nic do zrobienia"
    try:
        return _run(job)
    except Exception:
        _record_failure(job.pk)
        raise


@task()
def index_ngo_import(job_id: str) -> str:
    """Wagtail's search index of the records a committed import wrote, then the job done."""
    job = NGOImportJob.objects.filter(pk=job_id).first()
    if job is None or job.state != State.INDEXING:
        return "nic do zrobienia"
    try:
        # The page cache was emptied on commit; again, for a run that died before that.
        invalidate_page_cache()
        reindex_imported(job.written_ids, progress=job.set_progress)
        _finish(job)
    except Exception:
        _record_failure(job.pk)
        raise
    return job.get_report().summary()


def _record_failure(job_id) -> None:
    """What the person who started the import sees when it stopped on an error (the task's
    row in Ustawienia → Zadania w tle keeps the traceback)."""
    job = NGOImportJob.objects.get(pk=job_id)
    report = job.get_report()
    if report is not None:  # the records were committed; the indexes were not updated
        report.warnings.append(
            "Organizacje zapisano, ale nie udało się zaktualizować wyszukiwarek "
            "(szczegóły: Ustawienia → Zadania w tle)."
        )
    else:
        message = "import przerwał nieoczekiwany błąd (szczegóły: Ustawienia → Zadania w tle)."
        report = ImportReport(errors=[RowError(0, "", message)])
    NGOImportJob.objects.filter(pk=job_id).update(
        state=State.FAILED,
        report=dataclasses.asdict(report),
        data=b"",
        finished_at=timezone.now(),
    )


def _run(job: NGOImportJob) -> str:
    if job.state == State.INDEXING:
        # Committed by an earlier run, with its index task queued: nothing left here.
        return job.get_report().summary()

    wrote = []

    def written(report, pks):
        # Inside the import's transaction: committed together with the records, and so
        # is the index task (the database queue is a table; another backend gets it on
        # commit).
        wrote.append(True)
        NGOImportJob.objects.filter(pk=job.pk).update(
            state=State.INDEXING,
            data=b"",
            report=dataclasses.asdict(report),
            written_ids=pks,
            progress_done=0,
            progress_total=len(pks),
        )
        enqueue(index_ngo_import, str(job.pk))

    report = import_ngos(
        bytes(job.data),
        user=job.created_by,
        dry_run=job.dry_run,
        encoding=job.encoding,
        exported_at=job.exported_at,
        decisions=job.get_decisions(),
        progress=job.set_progress,
        on_written=written,
    )
    if not wrote or report.errors:  # a dry run, nothing to write, refused, rolled back
        job.refresh_from_db()
        _finish(job, report=dataclasses.asdict(report))
    # Else the job is the index task's: it may have finished or failed already (the
    # immediate backend runs it on commit, another worker may be quicker than this one),
    # and reading the job's state here would mark a failed index done.
    return report.summary()
