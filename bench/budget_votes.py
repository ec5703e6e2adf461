"""Benchmark: the last-hour rush of a budget vote over HTTP, and the count.

Phase 1: VOTES residents vote through gunicorn on 127.0.0.1 (bench/server/voting_settings.py:
the test settings on this database, e-mails written to files per recipient, rate limits
off) from CLIENTS concurrent clients, each as a browser does: the ballot page (CSRF cookie
and form token), the vote's POST, the e-mailed link's page and its POST. Every 25th PESEL
votes twice, from two clients lined up on a barrier, so that both POSTs and then both
confirmations leave at the same moment. Checks: every vote stored exactly once, exactly
one confirmed ballot per PESEL (the other confirmation refused, 409); prints p50/p99 of
the vote's POST and of the confirmation's POST against the aim of 500 ms.
With --rate R (open loop), the votes instead START at R a second (Poisson from --seed,
or --even), at most CLIENTS in flight, and each latency counts from the vote's scheduled
start: what a resident waits in a rush of that rate, not how fast 64 impatient clients
can be served (the closed loop, which prints that capacity in votes/hour).
Phase 2: the count of COUNTED confirmed ballots (bulk-inserted up to that number) over
20 projects in a city pool and 4 osiedle pools, in-process. The aim: under 5 s.

`--count-only` skips phase 1 (no server, no HTTP): the edition is built and the COUNTED
ballots bulk-inserted directly, then counted. `--reuse` keeps the edition and ballots a
previous `--count-only` run left in the database (no flush: repeated measurements of
the count on the same rows). `--parts` times each part of the count (see Parts).

Needs PostgreSQL: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db>, an empty
database (it is flushed and migrated; one left by an earlier run fails in the flush's
re-migration — drop and create it again: `dropdb … && createdb …`). Prints the load
average before and after: on a shared machine the figures say little without it.

    BENCH_DATABASE_URL=... .venv/bin/python bench/budget_votes.py [VOTES] [CLIENTS] [COUNTED]
        [--workers 4] [--threads 8] [--rate 2.8 [--even] [--seed 16]]
        [--count-only [--reuse]] [--parts]
"""

import _project  # noqa: F401 - first: the project on the path, bench/ off it

# isort: split
import argparse
import json
import logging
import os
import queue
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from functools import wraps
from pathlib import Path

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

import requests  # noqa: E402

from pages.budget.models import BudgetEditionPage, BudgetPool, BudgetProject  # noqa: E402
from pages.department.seed import ensure_home_page  # noqa: E402
from tests.factories import budget, voting  # noqa: E402
from tests.live_site import LiveSite, free_port, site_environment, start_gunicorn, stop  # noqa: E402
from voting import counting  # noqa: E402
from voting.models import Ballot, BallotChoice, PoolResult  # noqa: E402
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


def existing():
    """The edition, pools and projects an earlier `--count-only` run built (`--reuse`)."""
    edition = BudgetEditionPage.objects.get()
    pools = BudgetPool.objects.filter(edition=edition).order_by("pk")
    city = pools.get(scope=BudgetPool.Scope.CITY)

    def of(pool):
        return list(BudgetProject.objects.filter(pool=pool).order_by("pk"))

    osiedla = [(pool, of(pool)) for pool in pools.exclude(pk=city.pk)]
    return edition, city, of(city), osiedla


def pesel_of(n: int) -> str:
    born = date(1950, 1, 1) + timedelta(days=n % 20000)
    return voting.pesel(born, serial=n // 20000 * 10 + 1)


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
LINK = re.compile(r"/budzet/glosowanie/potwierdz/([^/\s]+)/")


RESENT = []  # one entry per request sent again after a reset kept-alive connection


class Voter:
    """One resident's browser: its own cookies, the ballot page, the vote, the link."""

    def __init__(self, base: str, mailbox: Path):
        self.base = base
        self.mailbox = mailbox
        self.http = requests.Session()

    def _send(self, method: str, url: str, **kwargs) -> requests.Response:
        """As a browser does: a request on a kept-alive connection that the server closed
        as it was sent (gunicorn drops idle ones after its keep-alive seconds, and the
        reset comes before any answer) is sent once more on a new connection."""
        try:
            return self.http.request(method, url, timeout=60, **kwargs)
        except requests.ConnectionError:
            RESENT.append(url)
            self.http.close()
            return self.http.request(method, url, timeout=60, **kwargs)

    def page(self, path: str) -> str:
        answer = self._send("GET", self.base + path)
        answer.raise_for_status()
        return answer.text

    def post(self, path: str, data: dict, referer: str) -> requests.Response:
        headers = {"Referer": self.base + referer}
        return self._send("POST", self.base + path, data=data, headers=headers)

    def link_key(self, email: str, after: int) -> str | None:
        try:
            text = (self.mailbox / email).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        keys = LINK.findall(text)
        return keys[after] if len(keys) > after else None


def vote_data(page: str, city, projects, osiedle, n: int, pesel_number: str) -> dict:
    pool, local = osiedle
    return {
        "csrfmiddlewaretoken": CSRF.search(page).group(1),
        "form_token": FORM_TOKEN.search(page).group(1),
        "website": "",
        "first_name": "Jan",
        "last_name": f"Głosujący{n}",
        "pesel": pesel_number,
        "email": f"v{n}@example.pl",
        "residence": "on",
        "consent_rules": "on",
        f"pula_{city.pk}": [str(projects[(n + k) % 20].pk) for k in range(3)],
        f"pula_{pool.pk}_0": str(local[n % 5].pk),
        f"pula_{pool.pk}_1": str(local[(n + 1) % 5].pk),
    }


def one_vote(site, setup, n: int, pesel_number: str, email_n: int, together=None) -> dict:
    """A resident votes and confirms over HTTP; TOGETHER (a Barrier) lines up the two
    votes of one PESEL so that their POSTs, and then their confirmations, leave at once."""
    edition, city, projects, osiedla, mailbox = setup
    osiedle = osiedla[n % len(osiedla)]
    voter = Voter(site, mailbox)
    path = f"/budzet/glosowanie/{edition.pk}/?pula={osiedle[0].slug}"
    data = vote_data(voter.page(path), city, projects, osiedle, email_n, pesel_number)
    if together is not None:
        together.wait()
    started = time.perf_counter()
    answer = voter.post(path, data, path)
    vote_ms = (time.perf_counter() - started) * 1000
    if answer.status_code != 200 or "GL-" not in answer.text:
        return {"outcome": f"vote {answer.status_code}", "vote_ms": vote_ms}
    key = voter.link_key(f"v{email_n}@example.pl", 0)
    if key is None:
        return {"outcome": "no e-mail", "vote_ms": vote_ms}
    link = f"/budzet/glosowanie/potwierdz/{key}/"
    confirm_page = voter.page(link)
    if together is not None:
        together.wait()
    started = time.perf_counter()
    answer = voter.post(link, {"csrfmiddlewaretoken": CSRF.search(confirm_page).group(1)}, link)
    confirm_ms = (time.perf_counter() - started) * 1000
    outcome = {200: "confirmed", 409: "refused (409)"}.get(answer.status_code)
    return {
        "outcome": outcome or f"confirm {answer.status_code}",
        "vote_ms": vote_ms,
        "confirm_ms": confirm_ms,
    }


def rush(site, setup, votes: int, clients: int) -> bool:
    """VOTES residents (every 25th PESEL voting twice at the same moment, from two
    clients) through CLIENTS concurrent clients."""
    jobs = [(n, pesel_of(n)) for n in range(votes)]
    lock = threading.Lock()
    results = []
    position = iter(range(len(jobs)))

    def run(n, number):
        if n % 25:
            return [one_vote(site, setup, n, number, n)]
        together = threading.Barrier(2)
        twin = {}
        other = threading.Thread(
            target=lambda: twin.update(one_vote(site, setup, n, number, n + votes, together))
        )
        other.start()
        mine = one_vote(site, setup, n, number, n, together)
        other.join()
        return [mine, twin]

    def client():
        while True:
            with lock:
                index = next(position, None)
            if index is None:
                break
            try:
                found = run(*jobs[index])
            except Exception as error:
                found = [{"outcome": f"error {type(error).__name__}"}]
            with lock:
                results.extend(found)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    print(
        f"Phase 1 (HTTP, closed loop): {len(results)} votes ({votes} PESELs) from {clients} "
        f"clients in {wall:.1f} s"
    )
    per_second = len(results) / wall
    print(
        f"  capacity: {per_second:.1f} votes/s = {per_second * 3600:,.0f} votes/hour "
        f"({per_second * 3600 / 10_000:.1f}× the last hour's 10,000 votes)"
    )
    return report(results, votes)


def schedule(votes: int, rate: float, seed: int, even: bool) -> list[float]:
    """The moments (seconds from the start) at which VOTES votes start at RATE votes/s:
    evenly spaced, or as a Poisson process (exponential gaps) from SEED."""
    if even:
        return [n / rate for n in range(votes)]
    draw = random.Random(seed)
    moments, now = [], 0.0
    for _n in range(votes):
        moments.append(now)
        now += draw.expovariate(rate)
    return moments


def rush_open(site, setup, votes: int, clients: int, rate: float, seed: int, even: bool):
    """Open loop: VOTES residents start at scheduled moments, RATE votes a second on
    average, whatever the server's pace, with at most CLIENTS votes in flight (a twin's
    second vote rides along with its first, as in the closed loop). Every latency counts
    from the vote's scheduled start, so the time a vote waits for a free client (the
    server being behind) is in it: no coordinated omission."""
    moments = schedule(votes, rate, seed, even)
    jobs = queue.Queue()
    lock = threading.Lock()
    results = []

    def run(n, number, due):
        late = (time.perf_counter() - due) * 1000  # waited for a free client
        if n % 25:
            found = [one_vote(site, setup, n, number, n)]
        else:
            together = threading.Barrier(2)
            twin = {}
            other = threading.Thread(
                target=lambda: twin.update(one_vote(site, setup, n, number, n + votes, together))
            )
            other.start()
            found = [one_vote(site, setup, n, number, n, together)]
            other.join()
            found.append(twin)
        done = (time.perf_counter() - due) * 1000
        for result in found:
            for name in ("vote_ms", "confirm_ms"):
                if name in result:
                    result[f"own_{name}"] = result[name]  # the server's time alone
                    result[name] += late
            result["late_ms"] = late
            result["whole_ms"] = done
        return found

    def client():
        while (job := jobs.get()) is not None:
            try:
                found = run(*job)
            except Exception as error:
                found = [{"outcome": f"error {type(error).__name__}"}]
            with lock:
                results.extend(found)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    for n, moment in enumerate(moments):
        due = started + moment
        time.sleep(max(0.0, due - time.perf_counter()))
        jobs.put((n, pesel_of(n), due))
    for _thread in threads:
        jobs.put(None)
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    spread = "evenly" if even else f"Poisson, seed {seed}"
    print(
        f"Phase 1 (HTTP, open loop): {len(results)} votes ({votes} PESELs) started at "
        f"{rate} votes/s ({spread}), at most {clients} in flight, in {wall:.1f} s"
    )
    # VOTES starts span VOTES - 1 gaps (the first at 0).
    offered = (votes - 1) / moments[-1] if moments[-1] else float("inf")
    print(
        f"  rate: offered {offered:.2f} PESELs/s, achieved {votes / wall:.2f} PESELs/s "
        f"({len(results) / wall:.2f} votes/s with the twins)"
    )
    late = sorted(r["late_ms"] for r in results if "late_ms" in r)
    whole = sorted(r["whole_ms"] for r in results if "whole_ms" in r)
    if late:
        print(
            f"  waited for a free client: p50 {statistics.median(late):.0f} ms, "
            f"p99 {percentile99(late):.0f} ms, max {late[-1]:.0f} ms"
        )
        print(
            f"  whole vote (scheduled start to the confirmation's answer, 4 requests): "
            f"p50 {statistics.median(whole):.0f} ms, p99 {percentile99(whole):.0f} ms"
        )
    for name in ("own_vote_ms", "own_confirm_ms"):
        values = sorted(r[name] for r in results if name in r)
        if values:
            print(
                f"  {name[4:-3]}'s POST alone (the server's answer, no wait): "
                f"p50 {statistics.median(values):.0f} ms, p99 {percentile99(values):.0f} ms"
            )
    print("  (each POST below: its own time plus the wait for a client)")
    return report(results, votes)


def percentile99(values: list) -> float:
    return values[max(int(len(values) * 0.99) - 1, 0)]


def report(results: list, votes: int) -> bool:
    """Print the outcomes, the p50/p99 of each POST and the checks of what was stored."""
    outcomes = {}
    for result in results:
        outcomes[result["outcome"]] = outcomes.get(result["outcome"], 0) + 1
    print(f"  outcomes: {outcomes}")
    print(f"  requests sent again after a reset kept-alive connection: {len(RESENT)}")
    p99s = []
    for name in ("vote_ms", "confirm_ms"):
        values = sorted(r[name] for r in results if name in r)
        if not values:
            continue
        p99 = percentile99(values)
        p99s.append(p99)
        print(
            f"  {name[:-3]}: p50 {statistics.median(values):.0f} ms, p99 {p99:.0f} ms "
            f"(aim: p99 under 500 ms: {'OK' if p99 < 500 else 'MISSED'})"
        )
    confirmed = Ballot.objects.confirmed().count()
    distinct = Ballot.objects.confirmed().values("voter_hash").distinct().count()
    stored = Ballot.objects.count()
    ok = confirmed == distinct == votes and stored == len(results)
    print(
        f"  stored {stored}, confirmed {confirmed}, distinct voters {distinct}: "
        f"{'OK' if ok else 'FAILED'}"
    )
    return ok and bool(p99s) and max(p99s) < 500


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


def database_cpu() -> float | None:
    """CPU seconds of this connection's PostgreSQL server process so far (a server on
    this machine), else None: on a shared machine, with the process's own CPU time, the
    figure that does not depend on the neighbours' load (as bench/ngo_import.py)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Parts:
    """The time of each part of the count (`--parts`), found without touching the count's
    code: the statements it sends are timed as they run (a wrapper of the connection's
    execute, each told apart by what it writes or reads), and the functions of
    voting.counting, the shuffle and the snapshot's JSON encoding are timed by wrapping
    them for the run. Whatever a version of the count does not do is left out."""

    # First match wins: the new snapshot statement also holds array_agg.
    STATEMENTS = (
        ("snapshot in SQL (read, keyed order, write)", r"^\s*UPDATE \S*poolresult.*ARRAY_AGG"),
        ("earlier results read (the delete's collector)", r"^SELECT .* FROM \S*voting_poolresult"),
        ("snapshot write (INSERT of PoolResult)", r"^INSERT INTO \S*voting_poolresult"),
        ("ProjectResult writes", r"^INSERT INTO \S*voting_projectresult"),
        ("earlier results deleted", r"^DELETE "),
        ("snapshot read: the query", r"ARRAY_AGG"),
        ("tallies (SUM of points)", r"SUM\("),
        ("settings (SET LOCAL)", r"^SET "),
    )
    FUNCTIONS = (
        "unresolved_pairs",
        "ballot_totals",
        "pool_tallies",
        "counted_ballots",
        "write_snapshots",
        "_count_pool",
    )

    def __init__(self):
        self.seconds = Counter()
        self.calls = Counter()
        self._undo = []
        self._patterns = [(name, re.compile(p, re.S | re.I)) for name, p in self.STATEMENTS]

    def add(self, name: str, seconds: float):
        self.seconds[name] += seconds
        self.calls[name] += 1

    def _wrap(self, owner, attribute: str, name: str):
        original = getattr(owner, attribute, None)
        if original is None:
            return

        @wraps(original)
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.add(name, time.perf_counter() - started)

        setattr(owner, attribute, timed)
        self._undo.append((owner, attribute, original))

    def _statement(self, execute, sql, params, many, context):
        name = next((n for n, p in self._patterns if p.search(sql)), "other statements")
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.add(f"SQL: {name}", time.perf_counter() - started)

    @contextmanager
    def watching(self):
        for function in self.FUNCTIONS:
            self._wrap(counting, function, f"function: {function}")
        self._wrap(random.Random, "shuffle", "shuffle (random.Random.shuffle)")
        snapshot = PoolResult._meta.get_field("counted_ballots")
        self._wrap(snapshot, "get_db_prep_save", "snapshot JSON encoding (Python)")
        try:
            with connection.execute_wrapper(self._statement):
                yield self
        finally:
            for owner, attribute, original in reversed(self._undo):
                setattr(owner, attribute, original)
            self._undo.clear()

    def report(self, whole: float):
        print("  parts (seconds; calls):")
        for name, seconds in sorted(self.seconds.items(), key=lambda item: -item[1]):
            print(f"    {name:<52} {seconds:7.3f}  ({self.calls[name]})")
        print(f"    {'whole count (count_edition)':<52} {whole:7.3f}")
        before = self.seconds.get("function: unresolved_pairs", 0.0)
        print(f"    {'of it the transaction (without unresolved_pairs)':<52} {whole - before:7.3f}")


def count(edition, city, projects, osiedla, total: int, parts: bool = False) -> bool:
    bulk_votes(edition, city, projects, osiedla, total)
    edition.results_from = timezone.now() - timedelta(seconds=1)
    edition.implementation_from = timezone.now() + timedelta(days=30)
    edition.save()
    with connection.cursor() as cursor:
        # As autovacuum leaves a table some time after the vote: planner statistics, and
        # the visibility map for index-only scans; and no vacuum starting mid-count.
        cursor.execute("VACUUM ANALYZE")
    timings = []
    for run in ("first", "again"):
        print(f"  load average before the {run} count: {os.getloadavg()}")
        watch = Parts() if parts else None
        server, cpu = database_cpu(), time.process_time()
        started = time.perf_counter()
        if watch is None:
            result = counting.count_edition(edition)
        else:
            with watch.watching():
                result = counting.count_edition(edition)
        timings.append(time.perf_counter() - started)
        cpu = time.process_time() - cpu
        server = database_cpu() - server if server is not None else None
        served = f"{server:.2f} s" if server is not None else "not known"
        print(
            f"  {run} count: {timings[-1]:.2f} s; CPU of this process {cpu:.2f} s, "
            f"of its database server process {served}"
        )
        if watch is not None:
            print(f"  {run} count:")
            watch.report(timings[-1])
    print(
        f"Phase 2: counting {result.summary['ballots']} ballots: {timings[0]:.2f} s "
        f"(again: {timings[1]:.2f} s)"
    )
    snapshot = PoolResult.objects.filter(pool=city).values_list("ballots", flat=True).get()
    print(f"  the city pool's snapshot: {snapshot} ballots; summary {json.dumps(result.summary)}")
    return timings[0] < 5


def serve(workers: int, threads: int):
    """gunicorn on 127.0.0.1 with the benchmark's settings, on the benchmark's database."""
    mailbox = Path(WORKDIR) / "mailbox"
    mailbox.mkdir()
    env = site_environment(os.environ["BENCH_DATABASE_URL"], Path(WORKDIR))
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.server.voting_settings",
            "BENCH_MAILBOX": str(mailbox),
        }
    )
    site = LiveSite(base_url=f"http://127.0.0.1:{free_port()}", env=env, workdir=Path(WORKDIR))
    start_gunicorn(site, workers=workers, threads=threads)
    return site, mailbox


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("votes", nargs="?", type=int, default=10_000)
    parser.add_argument("clients", nargs="?", type=int, default=64)
    parser.add_argument("counted", nargs="?", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument(
        "--rate",
        type=float,
        help="open loop: votes start at this many a second (at most CLIENTS in flight)",
    )
    parser.add_argument("--even", action="store_true", help="open loop: evenly, not Poisson")
    parser.add_argument("--seed", type=int, default=16, help="open loop: the Poisson seed")
    parser.add_argument("--count-only", action="store_true", help="no HTTP rush: the count")
    parser.add_argument("--reuse", action="store_true", help="with --count-only: no flush")
    parser.add_argument("--parts", action="store_true", help="time each part of the count")
    options = parser.parse_args()
    logging.getLogger("voting.counting").setLevel(logging.WARNING)  # no line per draw
    print(f"Load average before: {os.getloadavg()}")
    if options.count_only:
        reuse = options.reuse and BudgetEditionPage.objects.exists()
        setup = existing() if reuse else prepare()
        ok = count(*setup, options.counted, parts=options.parts)
        print(f"Load average after: {os.getloadavg()}")
        sys.exit(0 if ok else 1)
    edition, city, projects, osiedla = prepare()
    connections.close_all()  # the server's workers take the connections from here on
    site, mailbox = serve(options.workers, options.threads)
    try:
        setup = (edition, city, projects, osiedla, mailbox)
        if options.rate:
            ok = rush_open(
                site.base_url,
                setup,
                options.votes,
                options.clients,
                options.rate,
                options.seed,
                options.even,
            )
        else:
            ok = rush(site.base_url, setup, options.votes, options.clients)
    finally:
        stop(site)
    ok = count(edition, city, projects, osiedla, options.counted, parts=options.parts) and ok
    print(f"Load average after: {os.getloadavg()}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
