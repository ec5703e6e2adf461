"""The NGO import started in the admin, as a task of the worker.

It may run again from its start (a retry, or its worker died): before its rows are
committed, the killed run's transaction was rolled back and the import starts over; once
they are (the report and the written records are stored in that same transaction), only
the search indexes are brought up to date again. Either way the records are written once
and the report says what that one write did.
"""

import dataclasses

from django.utils import timezone

from django_tasks import task

from core.page_cache import invalidate_page_cache
from pages.registry.models import NGOImportJob
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
    if job.state != State.INDEXING:

        def written(report, pks):
            # Inside the import's transaction: committed together with the records.
            NGOImportJob.objects.filter(pk=job.pk).update(
                state=State.INDEXING,
                data=b"",
                report=dataclasses.asdict(report),
                written_ids=pks,
                progress_done=0,
                progress_total=len(pks),
            )

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
        job.refresh_from_db()
        if job.state != State.INDEXING:  # refused, a dry run, or nothing to write
            _finish(job, report=dataclasses.asdict(report))
            return report.summary()
    # The page cache was emptied on commit; again, for a run that died before that.
    invalidate_page_cache()
    reindex_imported(job.written_ids, progress=job.set_progress)
    _finish(job)
    return job.get_report().summary()
