"""Benchmark: one publication matching 50,000 confirmed subscriptions.

Prints (1) how much the alerts add to the publication itself (the request that
publishes only writes one task row), (2) how long the worker's `announce` takes to
queue every delivery (the aim: under 10 s), and (3) how fast one worker sends them
through the locmem backend, or the console backend writing to /dev/null (`--console`:
every message serialised to bytes, as SMTP does) (the aim: at least 500 messages/s).
Each figure is given in wall-clock time and in this process's CPU time: on a machine
shared with other work the first says how busy the machine was, the second what the code
costs.

Runs on a throwaway SQLite database unless BENCH_DATABASE_URL points at another (e.g.
postgres://postgres@127.0.0.1:5432/bench_alerts, which must exist and may be emptied).

    .venv/bin/python bench/alerts.py [SUBSCRIPTIONS] [--console]
"""

import _project  # noqa: F401 - first: the project on the path, bench/ off it

# isort: split
import contextlib
import os
import statistics
import sys
import tempfile
import time

WORKDIR = tempfile.mkdtemp(prefix="bench-alerts-")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{WORKDIR}/bench.sqlite3"
)
os.environ["VAR_DIR"] = WORKDIR
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
# As in production: the request queues, the worker runs the tasks.
os.environ["TASKS_BACKEND"] = "database"

import django  # noqa: E402 - the path and settings above must come first

django.setup()

from datetime import timedelta  # noqa: E402

from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from wagtail.signals import published  # noqa: E402

from django_tasks_db.models import DBTaskResult  # noqa: E402

from alerts import signal_handlers, tasks  # noqa: E402
from alerts.models import Delivery, Subscriber, Subscription  # noqa: E402
from core.task_worker import Worker  # noqa: E402
from pages.consultations.models import ConsultationIndexPage, ConsultationPage  # noqa: E402
from pages.department.seed import ensure_home_page  # noqa: E402

PUBLICATIONS = 15  # per arm of the publication comparison (the arms alternate)


def subscribers(count: int) -> None:
    now = timezone.now()
    Subscriber.objects.bulk_create(
        (
            Subscriber(email=f"osoba{n}@example.pl", key=f"klucz-{n:08d}", confirmed_at=now)
            for n in range(count)
        ),
        batch_size=5000,
    )
    Subscription.objects.bulk_create(
        (
            Subscription(subscriber_id=pk, kind="consultation", frequency="immediate")
            for pk in Subscriber.objects.values_list("pk", flat=True)
        ),
        batch_size=5000,
    )


def consultation(index, n: int) -> ConsultationPage:
    page = ConsultationPage(
        title=f"Konsultacja pomiarowa {n}",
        slug=f"konsultacja-pomiarowa-{n}",
        subject="Projekt uchwały.",
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=14),
        live=False,
    )
    index.add_child(instance=page)
    return page


def publish_time(index, n: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one publication."""
    page = consultation(index, n)
    revision = page.save_revision()
    began, cpu = time.perf_counter(), time.process_time()
    revision.publish()
    return time.perf_counter() - began, time.process_time() - cpu


def compare_publications(index) -> tuple[list[tuple], list[tuple]]:
    """Publication times without and with the alerts' handler, alternating, so that the
    load of a shared machine falls on both arms alike."""
    without, with_alerts = [], []
    for n in range(PUBLICATIONS):
        published.disconnect(dispatch_uid="alerts_published")
        without.append(publish_time(index, 2 * n))
        signal_handlers.connect()
        with_alerts.append(publish_time(index, 2 * n + 1))
    return without, with_alerts


def median_ms(times: list[tuple], which: int) -> float:
    return statistics.median(t[which] for t in times) * 1000


def main() -> None:
    args = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    count = int(args[0]) if args else 50_000
    console = "--console" in sys.argv
    backend = "console" if console else "locmem"
    settings.EMAIL_DELIVERY_BACKEND = f"django.core.mail.backends.{backend}.EmailBackend"
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    home = ensure_home_page()
    index = home.add_child(instance=ConsultationIndexPage(title="Konsultacje", slug="konsultacje"))
    print(f"Database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}", flush=True)
    print(f"Load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    began = time.perf_counter()
    subscribers(count)
    print(f"{count:,} confirmed subscriptions made in {time.perf_counter() - began:.1f} s")

    # 1. The publication, with and without the alerts' signal handler (medians).
    without, with_alerts = compare_publications(index)
    for which, name in ((0, "wall clock"), (1, "CPU time")):
        before, after = median_ms(without, which), median_ms(with_alerts, which)
        print(
            f"publish ({name}): median {before:.1f} ms without alerts, {after:.1f} ms with "
            f"({after - before:+.1f} ms; aim ≤ +50 ms)"
        )
    DBTaskResult.objects.all().delete()  # leave only the measured publication's work

    # 2. The worker's announce: the matching deliveries found, stored and queued.
    page = consultation(index, 999)
    page.save_revision().publish()
    DBTaskResult.objects.all().delete()
    began, cpu = time.perf_counter(), time.process_time()
    tasks.announce.call("consultation", str(page.pk), ["published"])
    queued_in, queued_cpu = time.perf_counter() - began, time.process_time() - cpu
    queued = Delivery.objects.filter(state="pending").count()
    batches = DBTaskResult.objects.count()
    print(
        f"announce: {queued:,} deliveries queued in {batches} tasks "
        f"in {queued_in:.2f} s (aim < 10 s; CPU time of this process {queued_cpu:.2f} s)"
    )

    # 3. One worker sends them through the locmem backend.
    mail.outbox = []
    worker = Worker(
        queue_names=["default"],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="bench-alerts",
    )
    sent_before = Delivery.objects.filter(state="sent").count()
    with open(os.devnull, "w") as devnull, contextlib.redirect_stdout(devnull):
        began, cpu = time.perf_counter(), time.process_time()
        worker.run()
        sent_in, sent_cpu = time.perf_counter() - began, time.process_time() - cpu
    sent = Delivery.objects.filter(state="sent").count() - sent_before
    if not console:
        assert sent == len(mail.outbox), (sent, len(mail.outbox))
    print(
        f"send ({backend}): {sent:,} messages by one worker in {sent_in:.1f} s wall clock: "
        f"{sent / sent_in:,.0f} messages/s (aim ≥ 500); in {sent_cpu:.1f} s of its CPU "
        f"time: {sent / sent_cpu:,.0f} messages per CPU-second"
    )
    print(f"Load average at the end: {os.getloadavg()[0]:.1f}")
    left = Delivery.objects.filter(state="pending").count()
    if left or sent != queued:
        print(f"PROBLEM: {left} deliveries still pending, {sent} sent of {queued}")


if __name__ == "__main__":
    main()
