"""Real worker processes (`manage.py db_worker`) on the test database: one is killed with
SIGKILL in the middle of an NGO import, another takes the import over once the lease of
the dead one has run out, and the import is done exactly once in effect.

PostgreSQL only: the suite's SQLite database lives in the memory of the test process,
where no second process can reach it. The worker itself runs on SQLite too (`make run`),
and tests/core/test_task_worker.py runs it in-process on both databases.
"""

import csv
import io
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.core.mail import send_mail
from django.db import connection

from wagtail.models import ModelLogEntry, Revision

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from pages.registry.models import NGOImportJob
from pages.registry.tasks import index_ngo_import, run_ngo_import
from snippets import identifiers, ngo_table
from snippets.models import NGO
from tests.live_site import ROOT, site_environment

pytestmark = [
    pytest.mark.postgres,
    # Committed data, which the worker processes can see; the migrations' rows put back.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROWS = 1500
LEASE_SECONDS = 4


def _csv(count: int) -> bytes:
    rng = random.Random(13)
    krs_numbers, nip_numbers = set(), set()
    while len(krs_numbers) < count:
        krs_numbers.add(identifiers.random_krs(rng))
    while len(nip_numbers) < count:
        nip_numbers.add(identifiers.random_nip(rng))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ngo_table.COLUMN_NAMES, extrasaction="ignore")
    writer.writeheader()
    for index, (krs, nip) in enumerate(zip(sorted(krs_numbers), sorted(nip_numbers), strict=True)):
        writer.writerow(
            {
                "nazwa": f"Organizacja z importu nr {index}",
                "forma_prawna": "stowarzyszenie",
                "krs": krs,
                "nip": nip,
                "opp": "nie",
                "dzialajaca": "tak",
                "miejscowosc": "Dąbrowa Górnicza",
            }
        )
    return buffer.getvalue().encode()


class Workers:
    """Worker processes on the test database; each stopped at the end of the test."""

    def __init__(self, tmp_path: Path):
        db = connection.settings_dict
        url = (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        )
        self.env = site_environment(
            url,
            tmp_path,
            TASKS_BACKEND="database",
            TASK_WORKER_HEARTBEAT_SECONDS="1",
            TASK_WORKER_LEASE_SECONDS=str(LEASE_SECONDS),
            TASK_RETRY_DELAY_SECONDS="0",
            EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        )
        self.tmp_path = tmp_path
        self.processes: dict[str, subprocess.Popen] = {}

    def start(self, worker_id: str) -> subprocess.Popen:
        log = (self.tmp_path / f"{worker_id}.log").open("ab")
        process = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.2",
                "--worker-id",
                worker_id,
                "--verbosity",
                "2",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes[worker_id] = process
        return process

    def log(self, worker_id: str) -> str:
        return (self.tmp_path / f"{worker_id}.log").read_text(errors="replace")

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=5)


@pytest.fixture
def workers(tmp_path, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    pool = Workers(tmp_path)
    yield pool
    pool.stop_all()


def _wait_for(condition, timeout: float, what: str, workers: Workers) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    logs = "\n".join(f"== {name}\n{workers.log(name)[-3000:]}" for name in workers.processes)
    raise AssertionError(f"Timed out waiting for {what}.\n{logs}")


@pytest.mark.parametrize("kill_while", [NGOImportJob.State.WRITING, NGOImportJob.State.INDEXING])
def test_an_import_whose_worker_is_killed_is_finished_once_by_another(workers, kill_while):
    """Killed while writing (the transaction is rolled back: the new run starts over) or
    while indexing (the rows are committed with the report and the index task: the new
    run of that task indexes)."""
    job = NGOImportJob.objects.create(file_name="rejestr.csv", data=_csv(ROWS))
    task_id = run_ngo_import.enqueue(str(job.pk)).id

    first = workers.start("pierwszy")
    state = lambda: NGOImportJob.objects.get(pk=job.pk).state  # noqa: E731
    indexing = DBTaskResult.objects.filter(
        task_path=index_ngo_import.module_path, status=TaskResultStatus.RUNNING
    )

    def reached() -> bool:
        indexing_runs = kill_while != NGOImportJob.State.INDEXING or indexing.exists()
        return state() == kill_while and indexing_runs

    _wait_for(reached, 120, f"the import to reach {kill_while}", workers)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)

    assert state() == kill_while  # it stopped in the middle...
    if kill_while == NGOImportJob.State.INDEXING:
        # The write was committed with its index task queued: that task was running.
        assert DBTaskResult.objects.get(pk=task_id).status == TaskResultStatus.SUCCESSFUL
        task_id = DBTaskResult.objects.get(task_path=index_ngo_import.module_path).pk
    assert DBTaskResult.objects.get(pk=task_id).status == TaskResultStatus.RUNNING

    workers.start("drugi")
    _wait_for(lambda: state() == NGOImportJob.State.DONE, 180, "the import to finish", workers)

    result = DBTaskResult.objects.get(pk=task_id)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.worker_ids == ["pierwszy", "drugi"]
    # ...and was done once: every organisation once, one revision and one create and one
    # publish entry in the history each, and the report of the write that counted.
    assert NGO.objects.count() == ROWS
    assert NGO.objects.values("krs").distinct().count() == ROWS
    assert Revision.objects.filter(base_content_type__model="ngo").count() == ROWS
    assert ModelLogEntry.objects.filter(content_type__model="ngo").count() == 2 * ROWS
    job.refresh_from_db()
    report = job.get_report()
    assert report.ok and (report.created, report.updated) == (ROWS, 0)
    assert bytes(job.data) == b""  # the uploaded file is not kept
    assert "lost its worker pierwszy; queued again" in workers.log("drugi")


def test_a_mail_sent_in_a_request_goes_out_through_a_worker_process(workers, settings):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    send_mail("Nowa prośba o konsultację", "Treść powiadomienia.", None, ["cao@example.org"])
    workers.start("poczta")
    row = DBTaskResult.objects.get(task_path="core.mail.send_email")
    _wait_for(
        lambda: DBTaskResult.objects.get(pk=row.pk).status == TaskResultStatus.SUCCESSFUL,
        60,
        "the e-mail to be sent",
        workers,
    )
    log = workers.log("poczta")
    assert "Nowa prośba o konsultację" in log or "=?utf-8?" in log
    assert "To: cao@example.org" in log
