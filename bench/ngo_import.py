"""Benchmark: the NGO import as the task worker runs it, at 3,000 and 50,000 rows.

For each size: a first import (creates every record; from 10,000 rows on, the records
are put in the table directly instead), then the same file with every name changed
(updates every record: a revision, history entries, the `published` signal, the
reference index, Wagtail's search index and the site search's tasks). Each import is one
`run_ngo_import` job, run the way the worker runs it, after its check (the admin's dry
run, timed on its own). Prints seconds, rows per second and the process's CPU seconds
(on a shared machine the wall time says more about the neighbours than about the code).

Tasks go to the database queue, as in production: the job's time is the worker's time
for the import itself (check, plan, the write, until the rows are committed). The tasks
it queued with the rows are then run and timed on their own: Wagtail's own search index
of the written records (`index_ngo_import`, "indeks Wagtaila"; the admin shows the job
as "Aktualizacja wyszukiwarek" until it is done) and the site search's indexing tasks
("wyszukiwarka serwisu"), as the time until search shows every change.

Needs a database it may empty: BENCH_DATABASE_URL (default: a throwaway SQLite file),
e.g. postgres://postgres@127.0.0.1:5432/bench_ngo (create it first).

    .venv/bin/python bench/ngo_import.py [SIZES]     # SIZES default 3000,50000
"""

import _project  # noqa: F401 - first: the project on the path, bench/ off it

# isort: split
import csv
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

WORKDIR = tempfile.mkdtemp(prefix="bench-ngo-")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{WORKDIR}/bench.sqlite3"
)
os.environ["VAR_DIR"] = WORKDIR
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
# As in production: the job queues the site search's tasks, a worker runs them.
os.environ["TASKS_BACKEND"] = "database"

import django  # noqa: E402 - the path and settings above must come first

django.setup()

from django.core.management import call_command  # noqa: E402

from wagtail.models import ModelLogEntry, ReferenceIndex, Revision  # noqa: E402

from django_tasks_db.models import DBTaskResult  # noqa: E402

from core.task_worker import Worker  # noqa: E402
from pages.department.seed import ensure_home_page  # noqa: E402
from pages.registry.models import NGODirectoryPage, NGOImportJob  # noqa: E402
from pages.registry.tasks import index_ngo_import, run_ngo_import  # noqa: E402
from snippets import identifiers, ngo_table  # noqa: E402
from snippets.models import NGO, PublicBenefitArea  # noqa: E402

LIMIT_SECONDS = 120  # the bound for 50,000 updates in the worker
FORMS = ["stowarzyszenie", "fundacja", "klub sportowy", "stowarzyszenie zwykłe"]


def rows(count: int, rng: random.Random) -> bytes:
    numbers = list(PublicBenefitArea.objects.values_list("number", flat=True))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ngo_table.COLUMN_NAMES)
    writer.writeheader()
    seen_krs, seen_nip = set(), set()
    for index in range(count):
        krs, nip = identifiers.random_krs(rng), identifiers.random_nip(rng)
        while krs in seen_krs:
            krs = identifiers.random_krs(rng)
        while nip in seen_nip:
            nip = identifiers.random_nip(rng)
        seen_krs.add(krs)
        seen_nip.add(nip)
        writer.writerow(
            {
                "nazwa": f"Organizacja testowa nr {index}",
                "nazwa_skrocona": f"OT {index}",
                "forma_prawna": rng.choice(FORMS),
                "krs": krs,
                "nip": nip,
                "regon": identifiers.random_regon(rng, rng.choice((9, 14))),
                "opp": rng.choice(("tak", "nie")),
                "obszary": ";".join(rng.sample(numbers, rng.randint(1, 3))),
                "ulica": f"ul. Testowa {index}",
                "kod_pocztowy": "41-300",
                "miejscowosc": "Dąbrowa Górnicza",
                "email": f"biuro{index}@example.org",
                "telefon": "32 000 00 00",
                "strona_www": f"https://org{index}.example.org",
                "opis": "Organizacja wygenerowana do pomiaru wydajności importu.",
                "dzialajaca": "tak",
                "data_weryfikacji": "2026-01-15",
            }
        )
    return buffer.getvalue().encode()


def database_cpu() -> float | None:
    """CPU seconds of this connection's PostgreSQL server process so far (a server on
    this machine), else None: the job's other half of the machine's work."""
    connection = django.db.connection
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def job(label: str, data: bytes, count: int, *, dry_run: bool) -> float:
    record = NGOImportJob.objects.create(file_name=f"{label}.csv", data=data, dry_run=dry_run)
    server = database_cpu()
    started, cpu = time.perf_counter(), time.process_time()
    summary = run_ngo_import.call(str(record.pk))  # the task's body, as the worker runs it
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    if server is not None:
        server = database_cpu() - server
    report = NGOImportJob.objects.get(pk=record.pk).get_report()
    if not report.ok or report.held:
        print(report.errors[:5])
        raise SystemExit(f"{label}: the import refused or held valid rows")
    print(
        f"  {label:<38} {elapsed:7.1f} s {count / elapsed:6.0f} wierszy/s "
        f"(CPU procesu {cpu:6.1f} s"
        + (f", serwera bazy {server:5.1f} s" if server is not None else "")
        + f"; obciążenie maszyny {os.getloadavg()[0]:.1f})  {summary}"
    )
    if not dry_run:
        index_wagtail(str(record.pk), count)
        drain_search_tasks(count)
    return elapsed


def index_wagtail(job_id: str, count: int) -> None:
    """Run the job's Wagtail-index task, as the worker would after the job."""
    queued = DBTaskResult.objects.filter(task_path=index_ngo_import.module_path)
    assert queued.count() == 1, "the write queues one index task"
    started, cpu = time.perf_counter(), time.process_time()
    index_ngo_import.call(job_id)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    queued.delete()
    assert NGOImportJob.objects.get(pk=job_id).state == NGOImportJob.State.DONE
    print(
        f"  {'  indeks Wagtaila: 1 zadanie':<38} {elapsed:7.1f} s "
        f"{count / elapsed:6.0f} wierszy/s (CPU procesu {cpu:6.1f} s)"
    )


def drain_search_tasks(count: int) -> None:
    """Run the site search's tasks the import queued, as one worker would."""
    queued = DBTaskResult.objects.filter(status="READY").count()
    worker = Worker(
        queue_names=["default"],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="bench-ngo-import",
    )
    started, cpu = time.perf_counter(), time.process_time()
    worker.run()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    failed = DBTaskResult.objects.filter(status="FAILED").count()
    print(
        f"  {'  wyszukiwarka serwisu: ' + str(queued) + ' zadań':<38} {elapsed:7.1f} s "
        f"{count / elapsed:6.0f} wierszy/s (CPU procesu {cpu:6.1f} s)"
        + (f"  NIEUDANYCH: {failed}" if failed else "")
    )
    DBTaskResult.objects.all().delete()


def seed(data: bytes) -> None:
    """The file's records straight into the table, live, without history (a registry
    kept before the import existed): the quick way to a large registry to update."""
    from snippets.ngo_import.cells import RowChecker
    from snippets.ngo_import.decoding import decode, read_rows

    header, raw_rows, _errors = read_rows(decode(data))
    checker = RowChecker(header)
    records = []
    for line, cells in raw_rows:
        parsed, _ = checker.check(line, cells)
        values = {f: v for f, v in parsed.values.items() if f not in ("areas", "district")}
        records.append(NGO(**values, slug=f"org-{line}", live=True))
    NGO.objects.bulk_create(records, batch_size=2000)


def measure(count: int, create: bool) -> float:
    NGO.objects.all().delete()
    Revision.objects.filter(base_content_type__model="ngo").delete()
    ModelLogEntry.objects.filter(content_type__model="ngo").delete()
    ReferenceIndex.objects.filter(base_content_type__model="ngo").delete()
    NGOImportJob.objects.all().delete()
    DBTaskResult.objects.all().delete()
    first = rows(count, random.Random(2003))
    renamed = first.replace(b"testowa nr", b"zmieniona nr")
    print(f"{count} wierszy, baza: {django.db.connection.vendor}")
    if create:
        job("sprawdzenie (tworzenie)", first, count, dry_run=True)
        job("import: tworzenie", first, count, dry_run=False)
    else:
        seed(first)
        print("  (rejestr wypełniony bezpośrednio, bez importu)")
    job("sprawdzenie (aktualizacja)", renamed, count, dry_run=True)
    updating = job("import: aktualizacja każdego wiersza", renamed, count, dry_run=False)
    assert NGO.objects.count() == count, "duplicates or missing rows"
    assert NGO.objects.filter(name__startswith="Organizacja zmieniona").count() == count
    return updating


def main() -> None:
    sizes = [int(size) for size in (sys.argv[1] if len(sys.argv) > 1 else "3000,50000").split(",")]
    call_command("migrate", verbosity=0)
    # With the directory published, every record also goes into the site search.
    home = ensure_home_page()
    if not NGODirectoryPage.objects.exists():
        directory = home.add_child(
            instance=NGODirectoryPage(title="Organizacje", slug="organizacje")
        )
        directory.save_revision().publish()
    for count in sizes:
        # The first import of 50,000 takes as long as the update; only the update is asked.
        updating = measure(count, create=count < 10_000)
        if count >= 50_000 and updating > LIMIT_SECONDS:
            raise SystemExit(f"Za wolno: {updating:.1f} s > {LIMIT_SECONDS} s")


if __name__ == "__main__":
    main()
