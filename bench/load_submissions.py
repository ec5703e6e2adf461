"""Consultation comments under load, and through a PostgreSQL restart: nothing lost, nothing twice.

    .venv/bin/python bench/load_submissions.py [--comments 1000] [--clients 32] [--skip-restart]

Serves the portal (production settings, bench/server/settings.py) with gunicorn on
127.0.0.1 against a private PostgreSQL server (bench/server/postgres.py: restarting the
machine's shared cluster would cut everyone else's connections), with the seed and the
sample content. Each simulated resident fetches an open consultation's page (for the CSRF
cookie and token and the one-time form token), sends a comment, and reads the receipt;
every 20th sends the same form twice, as a double click would. The load balancer's
X-Forwarded-For gives each comment its own address from the benchmarking range
198.18.0.0/15 (a header only; all traffic goes to 127.0.0.1), so the per-address limit of
the form does not stop a test that sends from one machine.

Phase 1: COMMENTS comments from CLIENTS concurrent clients: no request may fail; every
comment stored exactly once with the receipt its sender got.
Phase 2: the same again while PostgreSQL is restarted (fast shutdown) once a third of
them are in: requests fail while it is down; clients send the same form again, as a person
would; afterwards every comment that got a receipt is stored exactly once, and the site
answers again by itself.
Exits 1 when an invariant does not hold.
"""

import _project  # noqa: F401 - first: the project on the path, bench/ off it

# isort: split
import argparse
import http.client
import ipaddress
import json
import os
import re
import secrets
import signal
import statistics
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field

from bench.server.postgres import PrivatePostgres
from tests.live_site import collect_static, free_port, prepared_site

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
RECEIPT = re.compile(r'class="receipt__number">([A-Z0-9-]+)<')
ADDRESSES = ipaddress.ip_network("198.18.0.0/15")
NETWORK_ERRORS = (OSError, http.client.HTTPException)


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: Counter = field(default_factory=Counter)
    failures: list = field(default_factory=list)  # (time, what)
    accepted: dict = field(default_factory=dict)  # comment -> (receipt, form_token)
    post_latencies: list = field(default_factory=list)
    double_sends: int = 0
    double_send_mismatches: int = 0
    resends: int = 0

    def failure(self, what: str) -> None:
        with self.lock:
            self.failures.append((time.monotonic(), what))


class Visitor:
    """One browser: its own connection (keep-alive) and cookies."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = None

    def request(self, method: str, path: str, body: bytes | None, headers: dict):
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.connection.request(method, path, body=body, headers=headers)
            answer = self.connection.getresponse()
            content = answer.read()
        except NETWORK_ERRORS:
            self.connection.close()
            self.connection = None
            raise
        for header, value in answer.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return answer.status, content.decode("utf-8", "replace")


def send_comment(visitor, path, number, phase, address, tally, double, deadline, max_attempts=40):
    """Fetch the form, send one comment, retry on failure with the same form (as a person
    pressing "send" again would) until DEADLINE; True once a receipt comes back."""
    comment = f"[OBCIĄŻENIE {phase}] Uwaga nr {number}: proszę o dodatkowe ławki i zieleń."
    form = None
    for attempt in range(max_attempts):
        if time.monotonic() > deadline:
            return False
        if attempt:
            with tally.lock:
                tally.resends += 1
            time.sleep(min(1.0, 0.1 * attempt))
        try:
            if form is None:
                status, html = visitor.request("GET", path, None, {"X-Forwarded-For": address})
                with tally.lock:
                    tally.statuses[f"GET {status}"] += 1
                if status != 200:
                    tally.failure(f"GET {status}")
                    continue
                form = (TOKEN.search(html).group(1), FORM_TOKEN.search(html).group(1))
            body = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": form[0],
                    "form_token": form[1],
                    "comment": comment,
                    "website": "",
                }
            ).encode()
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Forwarded-For": address,
            }
            started = time.monotonic()
            status, html = visitor.request("POST", path, body, dict(headers))
            elapsed = time.monotonic() - started
            with tally.lock:
                tally.statuses[f"POST {status}"] += 1
            receipt = RECEIPT.search(html) if status == 200 else None
            if receipt is None:
                tally.failure(f"POST {status}")
                if status == 403:
                    form = None  # a CSRF refusal: take a fresh form
                continue
            with tally.lock:
                tally.post_latencies.append(elapsed)
                tally.accepted[comment] = (receipt.group(1), form[1])
            if double:
                # The same form sent again (a double click; during an outage, again until
                # it answers): the answer must be the first receipt, never a new comment.
                again = None
                while again is None and time.monotonic() < deadline:
                    try:
                        status2, html2 = visitor.request("POST", path, body, dict(headers))
                    except NETWORK_ERRORS:
                        continue
                    with tally.lock:
                        tally.statuses[f"POST {status2}"] += 1
                    again = RECEIPT.search(html2) if status2 == 200 else None
                    if again is None:
                        time.sleep(0.2)
                with tally.lock:
                    tally.double_sends += 1
                    if again is None or again.group(1) != receipt.group(1):
                        tally.double_send_mismatches += 1
            return True
        except NETWORK_ERRORS as error:
            tally.failure(type(error).__name__)
    return False


def run_phase(port, path, phase, count, clients, tally, on_progress=None, limit=600):
    numbers = iter(range(count))
    numbers_lock = threading.Lock()
    address_base = int(ADDRESSES.network_address) + (phase - 1) * 100_000 + 1
    lost = []
    deadline = time.monotonic() + limit

    def client():
        visitor = Visitor(port)
        while True:
            with numbers_lock:
                number = next(numbers, None)
            if number is None:
                return
            address = str(ipaddress.ip_address(address_base + number))
            double = number % 20 == 0
            if not send_comment(visitor, path, number, phase, address, tally, double, deadline):
                lost.append(number)
            if on_progress is not None:
                on_progress(len(tally.accepted))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - started, lost


def stored_comments(site, phase: int) -> list[dict]:
    script = (
        "import json\n"
        "from pages.consultations.models import ConsultationResponse\n"
        f"rows = ConsultationResponse.objects.filter(comment__startswith='[OBCIĄŻENIE {phase}]')\n"
        "print(json.dumps([{'comment': r.comment, 'receipt': r.receipt_number,"
        " 'form_token': str(r.form_token)} for r in rows]))\n"
    )
    output = site.manage("shell", "--no-imports", "-c", script).stdout
    return json.loads(output.strip().splitlines()[-1])


def check_phase(site, phase, tally, lost) -> list[str]:
    """The invariants; each broken one as a sentence."""
    problems = []
    rows = stored_comments(site, phase)
    by_comment = Counter(row["comment"] for row in rows)
    twice = [comment for comment, n in by_comment.items() if n > 1]
    if twice:
        problems.append(f"{len(twice)} comments stored more than once")
    stored = {row["comment"]: (row["receipt"], row["form_token"]) for row in rows}
    missing = [c for c in tally.accepted if c not in stored]
    if missing:
        problems.append(f"{len(missing)} comments with a receipt are not stored (lost)")
    wrong = [c for c, receipt in tally.accepted.items() if c in stored and stored[c] != receipt]
    if wrong:
        problems.append(f"{len(wrong)} stored comments carry another receipt than was shown")
    if len({row["receipt"] for row in rows}) != len(rows):
        problems.append("two stored comments share a receipt number")
    if lost:
        problems.append(f"{len(lost)} comments never got a receipt after every retry")
    if tally.double_send_mismatches:
        problems.append(f"{tally.double_send_mismatches} double sends got a different receipt")
    return problems


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def summary(label, tally, duration, count):
    latencies = tally.post_latencies
    print(f"\n== {label}")
    print(
        f"komentarzy z potwierdzeniem: {len(tally.accepted)}/{count} w {duration:.1f} s "
        f"({len(tally.accepted) / duration:.0f}/s); wysłań formularza ponownie: {tally.resends}; "
        f"podwójnych wysłań: {tally.double_sends} (to samo potwierdzenie: "
        f"{tally.double_sends - tally.double_send_mismatches})"
    )
    if latencies:
        print(
            f"POST: p50 {statistics.median(latencies) * 1000:.0f} ms, "
            f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms"
        )
    print("odpowiedzi:", ", ".join(f"{k}: {v}" for k, v in sorted(tally.statuses.items())))
    failures = Counter(what for _when, what in tally.failures)
    print(
        "nieudane żądania:",
        ", ".join(f"{k}: {v}" for k, v in failures.items()) if failures else "brak",
    )


def find_open_consultation(site) -> str:
    script = (
        "from core.public_forms import blank_form\n"
        "from pages.consultations.models import ConsultationPage\n"
        "page = next(p for p in ConsultationPage.objects.live().order_by('pk')"
        " if blank_form(p) is not None)\n"
        "print(page.url)\n"
    )
    return site.manage("shell", "--no-imports", "-c", script).stdout.strip().splitlines()[-1]


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up on `timeout`/kill
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--skip-restart", action="store_true")
    args = parser.parse_args()

    postgres = PrivatePostgres(free_port())
    postgres.start()
    previous_url = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = postgres.url
    overrides = {
        "DJANGO_SETTINGS_MODULE": "bench.server.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        # Production refuses to start without it (voting.E001); a throwaway one here.
        "VOTER_ID_HASH_KEY": secrets.token_urlsafe(32),
        "CACHE_KEY_PREFIX": f"load{os.getpid()}",
        "TRUSTED_PROXY_COUNT": "1",
    }
    problems: list[str] = []
    try:
        with prepared_site(
            "load",
            workers=args.workers,
            threads=args.threads,
            env_overrides=overrides,
            before_start=collect_static,
        ) as site:
            port = int(site.base_url.rsplit(":", 1)[1])
            path = find_open_consultation(site)
            print(
                f"gunicorn {args.workers}×{args.threads} wątki, prywatny PostgreSQL "
                f"na porcie {postgres.port}, {args.clients} klientów, konsultacja {path}"
            )
            tally = Tally()
            duration, lost = run_phase(port, path, 1, args.comments, args.clients, tally)
            summary("faza 1: obciążenie", tally, duration, args.comments)
            found = check_phase(site, 1, tally, lost)
            if tally.failures:
                found.append(f"{len(tally.failures)} requests failed without any fault")
            problems += [f"faza 1: {p}" for p in found]

            if not args.skip_restart:
                tally = Tally()
                restart = {}

                def restart_when_a_third_is_in(accepted):
                    if accepted >= args.comments // 3 and not restart:
                        restart["at"] = time.monotonic()
                        threading.Thread(
                            target=lambda: restart.update(took=postgres.restart())
                        ).start()

                duration, lost = run_phase(
                    port, path, 2, args.comments, args.clients, tally, restart_when_a_third_is_in
                )
                summary("faza 2: restart PostgreSQL w trakcie", tally, duration, args.comments)
                failure_times = [when for when, _what in tally.failures]
                if restart:
                    window = (
                        f"{max(failure_times) - min(failure_times):.1f} s"
                        if failure_times
                        else "brak błędów"
                    )
                    print(
                        f"restart trwał {restart.get('took', 0):.1f} s; błędy przez {window}; "
                        f"po restarcie serwis odpowiada sam (bez ręcznej interwencji)"
                    )
                found = check_phase(site, 2, tally, lost)
                status, _ = Visitor(port).request("GET", path, None, {})
                if status != 200:
                    found.append(f"the site answers {status} after the restart")
                if not restart:
                    found.append("the restart never happened")
                problems += [f"faza 2: {p}" for p in found]
    finally:
        if previous_url is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = previous_url
        postgres.stop()

    print()
    if problems:
        print("NIE SPEŁNIONO:\n  " + "\n  ".join(problems))
        return 1
    print("Wszystkie komentarze z potwierdzeniem zapisane dokładnie raz; nic nie zginęło.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
