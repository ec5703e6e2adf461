"""Benchmark: the last-hour rush of a budget vote, and the count.

Phase 1: VOTES online votes from CLIENTS concurrent clients (threads, each with its own
database connection), each validated (the ballot form: PESEL, choices), stored and
confirmed as the views do (voting.ballots); every 25th PESEL is sent twice at the same
moment by two clients. Checks: every vote stored exactly once, exactly one confirmed
ballot per PESEL; prints p50/p99 of a vote (store + confirm). The aim: p99 under 500 ms.
Phase 2: the count of COUNTED confirmed ballots (bulk-inserted up to that number) over
20 projects in a city pool and 4 osiedle pools. The aim: under 5 s.

This measures the database path of a vote (form, transaction, unique index), not HTTP.
Needs PostgreSQL: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> (the
database must exist and is emptied and migrated).

    BENCH_DATABASE_URL=... .venv/bin/python bench/budget_votes.py [VOTES] [CLIENTS] [COUNTED]
"""

import _project  # noqa: F401 - first: the project on the path, bench/ off it

# isort: split
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid

if not os.environ.get("BENCH_DATABASE_URL", "").startswith("postgres"):
    sys.exit("Set BENCH_DATABASE_URL to a PostgreSQL database (it is emptied).")
WORKDIR = tempfile.mkdtemp(prefix="bench-votes-")
os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
os.environ["VAR_DIR"] = WORKDIR
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402 - the path and settings above must come first

django.setup()

from datetime import date, timedelta  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.utils import timezone  # noqa: E402

from pages.department.seed import ensure_home_page  # noqa: E402
from tests.factories import budget, voting  # noqa: E402
from voting.ballots import ConfirmationRefused, confirm, store_ballot  # noqa: E402
from voting.booth import booth_for  # noqa: E402
from voting.counting import count_edition  # noqa: E402
from voting.forms import BallotForm  # noqa: E402
from voting.models import Ballot, BallotChoice  # noqa: E402
from voting.voter_id import voter_hash  # noqa: E402


def prepare():
    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    home = ensure_home_page()
    index = budget.index_page(home)
    edition = voting.voting_edition(index)
    city = budget.city_pool(edition)
    voting.pool_method(city, "aprobata", max_choices=3)
    projects = [voting.on_ballot(edition, city, f"Projekt {n}", 20000 + n) for n in range(20)]
    osiedla = []
    for n in range(4):
        district = budget.osiedle(name=f"Osiedle{n}", slug=f"osiedle-{n}")
        pool = voting.osiedle_pool(edition, district)
        voting.pool_method(pool, "punkty", points="3,2,1")
        osiedla.append(
            (pool, [voting.on_ballot(edition, pool, f"O{n}-{k}", 5000) for k in range(5)])
        )
    return edition, city, projects, osiedla


def pesel_of(n: int) -> str:
    born = date(1950, 1, 1) + timedelta(days=n % 20000)
    return voting.pesel(born, serial=n // 20000 * 10 + 1)


def one_vote(edition, city, projects, osiedla, n, pesel_number):
    pool, local = osiedla[n % len(osiedla)]
    booth = booth_for(edition, pool.slug)
    data = {
        "first_name": "Jan",
        "last_name": f"Głosujący{n}",
        "pesel": pesel_number,
        "email": f"v{n}@example.pl",
        "residence": "on",
        "consent_rules": "on",
        "form_token": str(uuid.uuid4()),
        f"pula_{city.pk}": [str(projects[(n + k) % 20].pk) for k in range(3)],
        f"pula_{pool.pk}_0": str(local[n % 5].pk),
        f"pula_{pool.pk}_1": str(local[(n + 1) % 5].pk),
    }
    form = BallotForm(data, booth=booth)
    if not form.is_valid():
        return "invalid"
    ballot, _created = store_ballot(form, booth)
    try:
        confirm(ballot.pk)
    except ConfirmationRefused:
        return "refused"
    return "confirmed"


def rush(edition, city, projects, osiedla, votes: int, clients: int):
    jobs = []
    for n in range(votes):
        jobs.append((n, pesel_of(n)))
        if n % 25 == 0:
            jobs.append((n + votes, pesel_of(n)))  # the same PESEL, at the same moment
    lock = threading.Lock()
    latencies, outcomes = [], {}
    position = iter(range(len(jobs)))

    def client():
        while True:
            with lock:
                index = next(position, None)
            if index is None:
                break
            n, number = jobs[index]
            start = time.perf_counter()
            outcome = one_vote(edition, city, projects, osiedla, n, number)
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
        connections.close_all()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    print(f"Phase 1: {len(jobs)} votes ({votes} PESELs) from {clients} clients in {wall:.1f} s")
    print(f"  outcomes: {outcomes}")
    print(f"  per vote: p50 {statistics.median(latencies) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms")
    confirmed = Ballot.objects.confirmed().count()
    distinct = Ballot.objects.confirmed().values("voter_hash").distinct().count()
    ok = confirmed == distinct == votes
    print(f"  confirmed {confirmed}, distinct voters {distinct}: {'OK' if ok else 'FAILED'}")
    return ok and p99 < 0.5


def bulk_votes(edition, city, projects, osiedla, total: int):
    now = timezone.now()
    existing = Ballot.objects.confirmed().count()
    batch = 5000
    for start in range(existing, total, batch):
        ballots = [
            Ballot(
                edition=edition,
                first_name="J",
                last_name="G",
                voter_hash=voter_hash(f"bulk-{n}"),
                receipt_number=f"GL-BENCH-{n:08d}",
                confirmed_at=now,
                verification="zgodny",
                osiedle_pool=osiedla[n % 4][0],
            )
            for n in range(start, min(start + batch, total))
        ]
        Ballot.objects.bulk_create(ballots)
        choices = []
        for ballot in ballots:
            n = int(ballot.receipt_number[-8:])
            pool, local = osiedla[n % 4]
            choices += [
                BallotChoice(ballot=ballot, pool=city, project=projects[(n * 7 + k) % 20])
                for k in range(3)
            ]
            choices += [
                BallotChoice(ballot=ballot, pool=pool, project=local[(n + k) % 5], points=3 - k)
                for k in range(3)
            ]
        BallotChoice.objects.bulk_create(choices, batch_size=batch)


def count(edition, city, projects, osiedla, total: int) -> bool:
    bulk_votes(edition, city, projects, osiedla, total)
    edition.results_from = timezone.now() - timedelta(seconds=1)
    edition.implementation_from = timezone.now() + timedelta(days=30)
    edition.save()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    started = time.perf_counter()
    result = count_edition(edition)
    elapsed = time.perf_counter() - started
    again = time.perf_counter()
    count_edition(edition)
    repeat = time.perf_counter() - again
    print(
        f"Phase 2: counting {result.summary['ballots']} ballots: {elapsed:.2f} s "
        f"(again: {repeat:.2f} s)"
    )
    return elapsed < 5


def main():
    votes = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    clients = int(sys.argv[2]) if len(sys.argv) > 2 else 64
    counted = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
    edition, city, projects, osiedla = prepare()
    ok = rush(edition, city, projects, osiedla, votes, clients)
    ok = count(edition, city, projects, osiedla, counted) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
