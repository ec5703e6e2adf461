"""HTTP throughput and latency of the portal under gunicorn on 127.0.0.1, measured with wrk.

    .venv/bin/python bench/http.py [--duration 10] [--connections 32] [--workers 2 --threads 4]

Builds a database of its own (PostgreSQL when DATABASE_URL names one, else SQLite) with
the seed and every app's sample content, collects static files, and serves it with the
production settings (bench/server/settings.py: no HTTPS redirect, plus a ceiling view) and the
shared Redis cache when one answers on REDIS_URL (default redis://127.0.0.1:6379/0).
Then, for each target that exists — the home page, a consultation (one closed and one open
for comments, whose form is served from the cache with each visitor's own tokens), the
consultations index, the NGO directory, a search and an API listing — it runs wrk on a
minimal Django view returning 20 KB (the ceiling) and right after on the target, and prints
requests/s, p50 and p99 latency and the target's share of the ceiling measured just before
it (a shared machine drifts); first with the anonymous page cache on (as deployed), then
with it off. Between the two, the figures of issue 17's goals that need the cached site:
the cached home page against a bare Django answer of the same bytes (before any of the
project's middleware, bench/server/bare.py) and the cached home page while a page is
published every 2 s.
Targets whose URL does not exist are listed as skipped. Needs `wrk` (Debian: apt-get
install wrk). Traffic goes to 127.0.0.1 only; every run is bounded by --duration.
"""

import _project  # noqa: F401 - first: the project on the path, bench/ off it

# isort: split
import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench import _bakerydemo
from tests.live_site import collect_static, prepared_site, start_gunicorn, stop

CEILING = "/__bench/ceiling/"


@dataclass
class Target:
    name: str
    path: str | None
    note: str = ""


@dataclass
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    cache_state: str = "-"


def fetch(base: str, path: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(base + path)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=15) as answer:  # noqa: S310
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def api_items(base: str, query: str) -> list[dict]:
    status, _headers, body = fetch(base, f"/api/v2/pages/?{query}")
    return json.loads(body)["items"] if status == 200 else []


def _path(item: dict) -> str:
    return "/" + item["meta"]["html_url"].split("/", 3)[3]


def find_targets(base: str) -> list[Target]:
    targets = [Target("strona główna", "/")]
    consultations = api_items(base, "type=consultations.ConsultationPage&fields=state&limit=50")
    cacheable = [c for c in consultations if c.get("state") in ("closed", "concluded", "planned")]
    open_ones = [c for c in consultations if c.get("state") == "open"]
    targets.append(
        Target("konsultacja (bez formularza)", _path(cacheable[0]) if cacheable else None)
    )
    targets.append(
        Target(
            "konsultacja otwarta (formularz)",
            _path(open_ones[0]) if open_ones else None,
            "strona z formularzem: z pamięci podręcznej, z tokenami CSRF i formularza "
            "wstawianymi dla każdego odwiedzającego",
        )
    )
    index = api_items(base, "type=consultations.ConsultationIndexPage")
    targets.append(Target("lista konsultacji", _path(index[0]) if index else None))
    directory = None
    for candidate in ("/organizacje/", "/rejestr-organizacji/", "/ngo/"):
        if fetch(base, candidate)[0] == 200:
            directory = candidate
            break
    targets.append(Target("katalog organizacji", directory))
    search = "/szukaj/?q=konsultacje"
    targets.append(Target("wyszukiwanie", search if fetch(base, search)[0] == 200 else None))
    api = "/api/v2/pages/?type=consultations.ConsultationPage&fields=state,opens_at,closes_at"
    if fetch(base, api)[0] != 200:
        api = "/api/v2/pages/?limit=20"
    targets.append(Target("API: lista stron", api))
    return targets


LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.M)
NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def run_wrk(url: str, duration: int, connections: int, threads: int) -> Result:
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "5s",
        "--latency",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latencies = {pct: float(value) * UNIT_MS[unit] for pct, value, unit in LATENCY.findall(output)}
    errors = sum(int(n) for n in NON_2XX.findall(output))
    for match in SOCKET_ERRORS.findall(output):
        errors += sum(int(n) for n in match)
    return Result(float(RATE.search(output).group(1)), latencies["50"], latencies["99"], errors)


def measure(base: str, targets: list[Target], args) -> dict[str, tuple[Result, Result]]:
    """For each target, wrk on the ceiling and then on the target, back to back: the
    machine is shared, so each target is compared with the ceiling of its own moment."""
    results = {}
    ceiling_url = base + CEILING
    run_wrk(ceiling_url, 2, args.connections, args.wrk_threads)  # warm every worker
    for target in targets:
        if target.path is None:
            continue
        fetch(base, target.path)  # store it in the cache if it may be stored
        cache_state = fetch(base, target.path)[1].get("X-Page-Cache", "-")
        run_wrk(base + target.path, 1, args.connections, args.wrk_threads)
        ceiling = run_wrk(ceiling_url, args.duration, args.connections, args.wrk_threads)
        result = run_wrk(base + target.path, args.duration, args.connections, args.wrk_threads)
        result.cache_state = cache_state
        results[target.name] = (ceiling, result)
    return results


def report(title: str, targets: list[Target], results: dict[str, tuple[Result, Result]]) -> None:
    print(f"\n== {title}")
    header = (
        f"{'cel':34} {'żądań/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'błędy':>6}  {'cache':5}"
        f" {'sufit/s':>8} {'% sufitu':>9}"
    )
    print(header)
    print("-" * len(header))
    for target in targets:
        if target.path is None:
            print(f"{target.name:34} {'pominięty: brak takiego adresu na stronie':>46}")
            continue
        ceiling, result = results[target.name]
        # A starved moment can leave the ceiling at 0 requests/s (wrk saw no answer).
        share = 100 * result.requests_per_second / max(ceiling.requests_per_second, 0.01)
        print(
            f"{target.name:34} {result.requests_per_second:9.0f} {result.p50_ms:8.1f} "
            f"{result.p99_ms:8.1f} {result.errors:6d}  {result.cache_state:5} "
            f"{ceiling.requests_per_second:8.0f} {share:8.0f}%"
        )
    ceilings = [ceiling for ceiling, _result in results.values()]
    print(
        f"sufit (widok Django 20 KB, mierzony tuż przed każdym celem): "
        f"{min(c.requests_per_second for c in ceilings):.0f}–"
        f"{max(c.requests_per_second for c in ceilings):.0f} żądań/s, p99 do "
        f"{max(c.p99_ms for c in ceilings):.1f} ms, błędy: {sum(c.errors for c in ceilings)}"
    )
    for target in targets:
        if target.path:
            print(f"  {target.name}: {target.path}" + (f" ({target.note})" if target.note else ""))


def _publish_every(base: str, seconds: float, stop_event) -> list[int]:
    """POST /__bench/publish/ every SECONDS until STOP_EVENT: the statuses answered."""
    statuses = []
    while not stop_event.wait(seconds):
        request = urllib.request.Request(base + "/__bench/publish/", data=b"", method="POST")  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=15) as answer:  # noqa: S310
                statuses.append(answer.status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)
    return statuses


def goals(base: str, bare_body: Path, args) -> None:
    """Issue 17's figures that need the cached site: the bare reference (goal 6) and the
    cached home page while a page is published every 2 s (goal 3)."""
    print("\n== cele (issue 17)")
    _status, _headers, body = fetch(base, "/")
    bare_body.write_bytes(body)
    bare = run_wrk(base + "/__bench/bare/", args.duration, args.connections, args.wrk_threads)
    home = run_wrk(base + "/", args.duration, args.connections, args.wrk_threads)
    share = home.requests_per_second / bare.requests_per_second
    print(
        f"6. strona główna z pamięci podręcznej / goły widok Django z tymi samymi {len(body):,} "
        f"bajtami: {home.requests_per_second:.0f} / {bare.requests_per_second:.0f} żądań/s = "
        f"{share:.2f}× (cel ≥ 0,8×); p99 {home.p99_ms:.1f} / {bare.p99_ms:.1f} ms"
    )
    stop_event = threading.Event()
    published = []
    publisher = threading.Thread(
        target=lambda: published.extend(_publish_every(base, 2.0, stop_event)), daemon=True
    )
    publisher.start()
    try:
        under = run_wrk(base + "/", args.duration, args.connections, args.wrk_threads)
    finally:
        stop_event.set()
        publisher.join(timeout=30)
    print(
        f"3. strona główna przy publikacji co 2 s ({len(published)} publikacji, kody "
        f"{sorted(set(published))}): p99 {under.p99_ms:.1f} ms (cel < 100 ms; bez publikacji "
        f"{home.p99_ms:.1f} ms), {under.requests_per_second:.0f} żądań/s, błędy: {under.errors}"
    )
    print("1. bakerydemo obok portalu: po przebiegu bez pamięci podręcznej (niżej)")
    print("2. zapytania i czas renderowania w procesie: bench/pages.py")
    print("4. listy przy 100× danych: bench/pages.py --scale 100; 7. zalogowani: bench/pages.py")


def portal_paths(base: str, targets: list[Target]) -> dict[str, str]:
    """The portal's page of each kind compared with bakerydemo's (kind -> path)."""
    by_name = {target.name: target.path for target in targets if target.path}
    paths = {
        "home": by_name.get("strona główna"),
        "list": by_name.get("lista konsultacji"),
        "item": by_name.get("konsultacja (bez formularza)"),
        "search": by_name.get("wyszukiwanie"),
    }
    status, _headers, body = fetch(base, "/api/v2/ngos/?fields=page_url&limit=1")
    items = json.loads(body)["items"] if status == 200 else []
    if items and items[0].get("page_url"):
        paths["record"] = "/" + items[0]["page_url"].split("/", 3)[3]
    return {kind: path for kind, path in paths.items() if path}


BAKERY_KINDS = {
    "home": "strona główna / home",
    "list": "lista konsultacji / blog",
    "item": "konsultacja / wpis bloga",
    "record": "rekord organizacji / strona chleba",
    "search": "wyszukiwanie / search",
}


def compare_with_bakerydemo(base: str, targets: list[Target], database_url: str, args) -> None:
    """Goal 1: the portal's uncached pages against bakerydemo's of the same kind, each pair
    measured back to back and twice, interleaved (a shared machine drifts)."""
    print("\n== cel 1: portal bez pamięci podręcznej obok bakerydemo (Wagtail 7.4, te same flagi)")
    root = _bakerydemo.installed(args.bakerydemo)
    if root is None:
        print(
            "pominięty: bakerydemo nie jest zainstalowany (--bakerydemo KATALOG lub "
            "BAKERYDEMO_DIR: checkout z .venv; instrukcja w docs/performance.md)"
        )
        return
    ours = portal_paths(base, targets)
    with _bakerydemo.served(root, database_url, args.workers, args.threads) as bakery:
        header = (
            f"{'rodzaj (portal / bakerydemo)':38} {'portal/s':>9} {'p99 ms':>8} "
            f"{'bakery/s':>9} {'p99 ms':>8} {'krotność':>9}"
        )
        print(header)
        print("-" * len(header))
        for kind, label in BAKERY_KINDS.items():
            if kind not in ours or kind not in bakery.paths:
                print(f"{label:38} pominięty: brak strony tego rodzaju")
                continue
            portal_runs, bakery_runs = [], []
            for _round in range(2):
                portal_runs.append(
                    run_wrk(base + ours[kind], args.duration, args.connections, args.wrk_threads)
                )
                bakery_runs.append(
                    run_wrk(
                        bakery.base_url + bakery.paths[kind],
                        args.duration,
                        args.connections,
                        args.wrk_threads,
                    )
                )
            portal = max(portal_runs, key=lambda result: result.requests_per_second)
            theirs = max(bakery_runs, key=lambda result: result.requests_per_second)
            ratio = portal.requests_per_second / max(theirs.requests_per_second, 0.01)
            errors = sum(r.errors for r in portal_runs + bakery_runs)
            # Errors are fast answers (a refusal, a 500): a ratio over them means nothing.
            verdict = f"  (nieważne – błędy: {errors})" if errors else ""
            print(
                f"{label:38} {portal.requests_per_second:9.1f} {portal.p99_ms:8.0f} "
                f"{theirs.requests_per_second:9.1f} {theirs.p99_ms:8.0f} {ratio:8.2f}×" + verdict
            )
        print("cel: portal ≥ 5× bakerydemo na każdej parze (lepszy z dwóch przebiegów każdej)")
        for kind, path in ours.items():
            print(f"  portal {kind}: {path}   bakerydemo: {bakery.paths.get(kind, '-')}")


def redis_url() -> str | None:
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
        return url
    except Exception:  # any failure means: no shared cache to use
        return None


def clear_redis(url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up on `timeout`/kill
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per target")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--skip-uncached", action="store_true", help="only the cached run")
    parser.add_argument(
        "--bakerydemo",
        default=os.environ.get("BAKERYDEMO_DIR"),
        help="a bakerydemo checkout with its .venv, compared uncached (goal 1)",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("bench/http.py needs wrk: apt-get install -y wrk", file=sys.stderr)
        return 2

    prefix = f"bench{os.getpid()}"
    shared_cache = redis_url()
    overrides = {
        "DJANGO_SETTINGS_MODULE": "bench.server.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        # Production refuses to start without it (voting.E001); a throwaway one here.
        "VOTER_ID_HASH_KEY": secrets.token_urlsafe(32),
        "CACHE_KEY_PREFIX": prefix,
        "PAGE_CACHE_SECONDS": "60",
        # Every wrk connection comes from 127.0.0.1: the per-address search limit (120 a
        # minute) would answer most uncached searches 429 and measure the refusal.
        "SEARCH_RATE_LIMIT": "100000000",
        "SEARCH_SUGGEST_RATE_LIMIT": "100000000",
    }
    if shared_cache:
        overrides["REDIS_URL"] = shared_cache
    bare_body = Path(tempfile.mkstemp(prefix="portal-bare-", suffix=".html")[1])
    overrides["BENCH_BARE_BODY"] = str(bare_body)

    started = time.monotonic()
    with prepared_site(
        "bench",
        workers=args.workers,
        threads=args.threads,
        env_overrides=overrides,
        before_start=collect_static,
    ) as site:
        database = "PostgreSQL" if "postgres" in site.env["DATABASE_URL"] else "SQLite"
        print(
            f"gunicorn: {args.workers} procesy × {args.threads} wątki (gthread), baza: "
            f"{database}, pamięć podręczna: {'Redis' if shared_cache else 'lokalna (per proces)'}"
            f", wrk: {args.wrk_threads} wątki, {args.connections} połączeń, "
            f"{args.duration} s na cel; maszyna: {os.cpu_count()} rdzenie "
            f"(przygotowanie: {time.monotonic() - started:.0f} s)"
        )
        targets = find_targets(site.base_url)
        try:
            cached = measure(site.base_url, targets, args)
            report("pamięć podręczna stron włączona (jak w produkcji)", targets, cached)
            goals(site.base_url, bare_body, args)
            if not args.skip_uncached:
                stop(site)
                site.env["PAGE_CACHE_SECONDS"] = "0"
                start_gunicorn(site, workers=args.workers, threads=args.threads)
                uncached = measure(site.base_url, targets, args)
                report("pamięć podręczna stron wyłączona", targets, uncached)
                compare_with_bakerydemo(
                    site.base_url, targets, os.environ.get("DATABASE_URL", ""), args
                )
        finally:
            bare_body.unlink(missing_ok=True)
            if shared_cache:
                clear_redis(shared_cache, prefix)
    return 0


if __name__ == "__main__":
    sys.exit(main())
