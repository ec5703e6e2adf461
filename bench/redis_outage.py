"""Redis stopped and started again under readers and posters: no 5xx, no comment lost.

    .venv/bin/python bench/redis_outage.py [--duration 36] [--outage 6] [--readers 8]
        [--posters 4] [--comments 400]

Starts a Redis server of its own on a free loopback port (tests/private_redis.py; the
machine's shared one is never touched) and serves the portal with gunicorn on 127.0.0.1
(production settings, bench/server/settings.py) against a throwaway database (an SQLite
file, or a fresh PostgreSQL database when DATABASE_URL names a server), with
REDIS_URL pointing at that Redis: the page cache and the counters of rate limits on it.

READERS clients read pages (home, a consultation, the consultations list, a search, an
API list, the health endpoint) and POSTERS clients send consultation comments (each from
its own address through X-Forwarded-For, so the form's per-address limit does not stop
the run), for DURATION seconds or COMMENTS comments. A third of the way in, Redis is
stopped for OUTAGE seconds, then started again (empty, as after a crash).

Prints, per phase (before, during, after the outage): requests, 5xx answers, page-cache
hits, p50/p99 latency of reads; then the comments that got a receipt and those stored.
Exits 1 when any answer was a 5xx or a comment with a receipt is not stored.
"""

import _project  # noqa: F401 - first: the project on the path, bench/ off it

# isort: split
import argparse
import http.client
import ipaddress
import json
import os
import secrets
import signal
import statistics
import sys
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from bench.load_submissions import (
    ADDRESSES,
    FORM_TOKEN,
    NETWORK_ERRORS,
    RECEIPT,
    TOKEN,
    Visitor,
    find_open_consultation,
    percentile,
)
from tests.live_site import collect_static, prepared_site
from tests.private_redis import PrivateRedis, redis_server_available

MARKER = "[AWARIA REDIS]"
PHASES = ("przed", "awaria", "po")


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: Counter = field(default_factory=Counter)  # phase -> count
    server_errors: Counter = field(default_factory=Counter)  # phase -> 5xx
    network_errors: Counter = field(default_factory=Counter)
    hits: Counter = field(default_factory=Counter)
    read_latencies: dict = field(default_factory=lambda: defaultdict(list))
    statuses: Counter = field(default_factory=Counter)
    accepted: dict = field(default_factory=dict)  # comment -> receipt
    refused: Counter = field(default_factory=Counter)


class Clock:
    """Which phase a moment belongs to: set by the thread that stops and starts Redis."""

    def __init__(self):
        self.phase = "przed"

    def __call__(self) -> str:
        return self.phase


def record(tally, phase, method, status, headers=None, elapsed=None):
    with tally.lock:
        tally.requests[phase] += 1
        tally.statuses[f"{method} {status}"] += 1
        if status >= 500:
            tally.server_errors[phase] += 1
        if headers and headers.get("x-page-cache") == "hit":
            tally.hits[phase] += 1
        if elapsed is not None:
            tally.read_latencies[phase].append(elapsed)


class Reader(Visitor):
    """A visitor without cookies (as a first-time reader, served from the page cache)."""

    def get(self, path):
        self.cookies.clear()
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            self.connection.request("GET", path)
            answer = self.connection.getresponse()
            answer.read()
        except NETWORK_ERRORS:
            self.connection.close()
            self.connection = None
            raise
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}


def reader(port, paths, clock, tally, stop_at):
    visitor = Reader(port)
    number = 0
    while time.monotonic() < stop_at:
        path = paths[number % len(paths)]
        number += 1
        phase = clock()
        started = time.monotonic()
        try:
            status, headers = visitor.get(path)
        except NETWORK_ERRORS:
            with tally.lock:
                tally.network_errors[phase] += 1
            continue
        record(tally, phase, "GET", status, headers, time.monotonic() - started)


def poster(port, path, clock, tally, numbers, stop_at):
    while time.monotonic() < stop_at:
        number = next(numbers, None)
        if number is None:
            return
        visitor = Visitor(port)
        address = str(ipaddress.ip_address(int(ADDRESSES.network_address) + 300_000 + number))
        headers = {"X-Forwarded-For": address}
        comment = f"{MARKER} Uwaga nr {number}: ławki przy placu zabaw."
        try:
            phase = clock()
            status, html = visitor.request("GET", path, None, dict(headers))
            record(tally, phase, "GET", status)
            if status != 200:
                continue
            body = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": TOKEN.search(html).group(1),
                    "form_token": FORM_TOKEN.search(html).group(1),
                    "comment": comment,
                    "website": "",
                }
            ).encode()
            phase = clock()
            status, html = visitor.request(
                "POST",
                path,
                body,
                {**headers, "Content-Type": "application/x-www-form-urlencoded"},
            )
            record(tally, phase, "POST", status)
        except NETWORK_ERRORS:
            with tally.lock:
                tally.network_errors[clock()] += 1
            continue
        receipt = RECEIPT.search(html) if status == 200 else None
        with tally.lock:
            if receipt:
                tally.accepted[comment] = receipt.group(1)
            else:
                tally.refused[status] += 1


def stored_comments(site) -> dict[str, str]:
    script = (
        "import json\n"
        "from pages.consultations.models import ConsultationResponse\n"
        f"rows = ConsultationResponse.objects.filter(comment__startswith={MARKER!r})\n"
        "print(json.dumps({r.comment: r.receipt_number for r in rows}))\n"
    )
    output = site.manage("shell", "--no-imports", "-c", script).stdout
    return json.loads(output.strip().splitlines()[-1])


def report(tally, outage_took, stored) -> list[str]:
    print(
        f"\n{'faza':8} {'żądań':>7} {'5xx':>5} {'błędy sieci':>12} {'trafień cache':>14} "
        f"{'odczyt p50 ms':>14} {'p99 ms':>7}"
    )
    for phase in PHASES:
        latencies = tally.read_latencies[phase]
        print(
            f"{phase:8} {tally.requests[phase]:7d} {tally.server_errors[phase]:5d} "
            f"{tally.network_errors[phase]:12d} {tally.hits[phase]:14d} "
            f"{statistics.median(latencies) * 1000 if latencies else 0:14.1f} "
            f"{percentile(latencies, 0.99) * 1000:7.1f}"
        )
    total = sum(tally.requests.values())
    errors = sum(tally.server_errors.values())
    print(f"razem: {total} żądań, 5xx: {errors}; Redis zatrzymany na {outage_took:.1f} s")
    print("odpowiedzi:", ", ".join(f"{k}: {v}" for k, v in sorted(tally.statuses.items())))
    lost = [comment for comment in tally.accepted if comment not in stored]
    wrong = [c for c, receipt in tally.accepted.items() if c in stored and stored[c] != receipt]
    print(
        f"komentarze przyjęte (z potwierdzeniem): {len(tally.accepted)}, zapisane: "
        f"{len(stored)}, utracone: {len(lost)}, z innym numerem: {len(wrong)}"
        + (f"; odmowy: {dict(tally.refused)}" if tally.refused else "")
    )
    problems = []
    if errors:
        problems.append(f"{errors} answers 5xx")
    if lost or wrong or len(stored) != len(tally.accepted):
        problems.append("accepted comments and stored comments differ")
    if not tally.hits["po"]:
        problems.append("the page cache was not used again after Redis came back")
    return problems


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up on `timeout`/kill
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=36, help="seconds of load")
    parser.add_argument("--outage", type=float, default=6, help="seconds Redis is stopped")
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--posters", type=int, default=4)
    parser.add_argument("--comments", type=int, default=400, help="at most this many")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    args = parser.parse_args()
    if not redis_server_available():
        print("bench/redis_outage.py needs redis-server: apt-get install redis", file=sys.stderr)
        return 2

    redis = PrivateRedis()
    redis.start()
    overrides = {
        "DJANGO_SETTINGS_MODULE": "bench.server.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        # Production refuses to start without it (voting.E001); a throwaway one here.
        "VOTER_ID_HASH_KEY": secrets.token_urlsafe(32),
        "REDIS_URL": redis.url,
        "CACHE_KEY_PREFIX": f"outage{os.getpid()}",
        "PAGE_CACHE_SECONDS": "60",
        "TRUSTED_PROXY_COUNT": "1",
    }
    try:
        with prepared_site(
            "redis-outage",
            workers=args.workers,
            threads=args.threads,
            env_overrides=overrides,
            before_start=collect_static,
        ) as site:
            port = int(site.base_url.rsplit(":", 1)[1])
            consultation = find_open_consultation(site)
            paths = [
                "/",
                consultation,
                consultation.rstrip("/").rsplit("/", 1)[0] + "/",
                "/szukaj/?q=konsultacje",
                "/api/v2/pages/?limit=10",
                "/health/",
            ]
            database = "PostgreSQL" if "postgres" in site.env["DATABASE_URL"] else "SQLite"
            print(
                f"gunicorn {args.workers}×{args.threads} wątki, baza {database}, własny Redis "
                f"na porcie {redis.port}; {args.readers} czytelników, {args.posters} "
                f"wysyłających (do {args.comments} uwag), {args.duration:.0f} s; awaria Redis "
                f"po {args.duration / 3:.0f} s na {args.outage:.0f} s; "
                f"maszyna: {os.cpu_count()} rdzenie"
            )
            print("czytane adresy:", ", ".join(paths))
            warm = Reader(port)
            for _round in range(2 * args.workers):  # each gunicorn worker's first requests
                for path in paths:
                    warm.get(path)
            clock = Clock()
            tally = Tally()
            started = time.monotonic()
            stop_at = started + args.duration
            numbers = iter(range(args.comments))
            threads = [
                threading.Thread(target=reader, args=(port, paths, clock, tally, stop_at))
                for _ in range(args.readers)
            ] + [
                threading.Thread(
                    target=poster, args=(port, consultation, clock, tally, numbers, stop_at)
                )
                for _ in range(args.posters)
            ]
            for thread in threads:
                thread.start()
            time.sleep(args.duration / 3)
            outage_started = time.monotonic()
            redis.stop()
            clock.phase = "awaria"
            time.sleep(args.outage)
            redis.start()
            outage_took = time.monotonic() - outage_started
            clock.phase = "po"
            for thread in threads:
                thread.join()
            problems = report(tally, outage_took, stored_comments(site))
    finally:
        redis.cleanup()

    print()
    if problems:
        print("NIE SPEŁNIONO:\n  " + "\n  ".join(problems))
        return 1
    print("0 odpowiedzi 5xx; każda przyjęta uwaga zapisana; pamięć podręczna wróciła sama.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
