"""HTTP throughput and latency of the portal under gunicorn on 127.0.0.1, measured with wrk.

    .venv/bin/python bench/http.py [--duration 10] [--connections 32] [--workers 2 --threads 4]
        [--bakerydemo DIR] [--skip-uncached | --only-goal1]

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
published every 2 s. With --bakerydemo (or BAKERYDEMO_DIR), after the uncached table, goal 1:
each page kind the goal names beside bakerydemo's page of the nearest kind
(bench/_goal1.py says which and why), each side's errors counted apart; --only-goal1 runs
that comparison alone on the uncached site (no cached or uncached table).
Targets whose URL does not exist are listed as skipped. Needs `wrk` (Debian: apt-get
install wrk). Traffic goes to 127.0.0.1 only; every run is bounded by --duration.
"""

import _project  # noqa: F401 - first: the project on the path, bench/ off it

# isort: split
import argparse
import contextlib
import json
import math
import os
import secrets
import shutil
import signal
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench import _bakerydemo, _goal1, _wrk
from bench._wrk import Result
from tests.live_site import collect_static, prepared_site, start_gunicorn, stop

CEILING = "/__bench/ceiling/"


@dataclass
class Target:
    name: str
    path: str | None
    note: str = ""


def fetch(base: str, path: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(base + path)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=15) as answer:  # noqa: S310
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def api_reader(base: str):
    """A function answering an API path of the site at BASE with its JSON (None unless 200)."""

    def get_json(path: str) -> dict | None:
        status, _headers, body = fetch(base, path)
        return json.loads(body) if status == 200 else None

    return get_json


def find_targets(base: str) -> list[Target]:
    api = api_reader(base)
    targets = [Target("strona główna", "/")]
    targets.append(
        Target("konsultacja (bez formularza)", _goal1.locate(_goal1.CLOSED_CONSULTATION, api))
    )
    targets.append(
        Target(
            "konsultacja otwarta (formularz)",
            _goal1.locate(_goal1.OPEN_CONSULTATION, api),
            "strona z formularzem: z pamięci podręcznej, z tokenami CSRF i formularza "
            "wstawianymi dla każdego odwiedzającego",
        )
    )
    index = _goal1.first_page("consultations.ConsultationIndexPage")
    targets.append(Target("lista konsultacji", _goal1.locate(index, api)))
    directory = _goal1.first_page("registry.NGODirectoryPage")
    targets.append(Target("katalog organizacji", _goal1.locate(directory, api)))
    search = "/szukaj/?q=konsultacje"
    targets.append(Target("wyszukiwanie", search if fetch(base, search)[0] == 200 else None))
    api_path = "/api/v2/pages/?type=consultations.ConsultationPage&fields=state,opens_at,closes_at"
    if fetch(base, api_path)[0] != 200:
        api_path = "/api/v2/pages/?limit=20"
    targets.append(Target("API: lista stron", api_path))
    return targets


def measure(base: str, targets: list[Target], args) -> dict[str, tuple[Result, Result]]:
    """For each target, wrk on the ceiling and then on the target, back to back: the
    machine is shared, so each target is compared with the ceiling of its own moment."""
    results = {}
    ceiling_url = base + CEILING
    _wrk.run(ceiling_url, 2, args.connections, args.wrk_threads)  # warm every worker
    for target in targets:
        if target.path is None:
            continue
        fetch(base, target.path)  # store it in the cache if it may be stored
        cache_state = fetch(base, target.path)[1].get("X-Page-Cache", "-")
        _wrk.run(base + target.path, 1, args.connections, args.wrk_threads)
        ceiling = _wrk.run(ceiling_url, args.duration, args.connections, args.wrk_threads)
        result = _wrk.run(base + target.path, args.duration, args.connections, args.wrk_threads)
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
    bare = _wrk.run(base + "/__bench/bare/", args.duration, args.connections, args.wrk_threads)
    home = _wrk.run(base + "/", args.duration, args.connections, args.wrk_threads)
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
        under = _wrk.run(base + "/", args.duration, args.connections, args.wrk_threads)
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


def first_status(base: str, path: str) -> int | str:
    """The status of one GET, or why there was none: a loaded server can still be working
    through the previous run's requests, so a missing answer skips the pair, not the run."""
    try:
        return fetch(base, path)[0]
    except OSError as error:
        return f"brak ({type(error).__name__})"


def measure_pair(portal_url: str, bakery_url: str, args) -> _goal1.Verdict:
    """Two runs of each side, back to back in the order portal, bakerydemo, bakerydemo,
    portal: a shared machine drifts, and this order gives each side the same mean moment."""
    runs = {portal_url: [], bakery_url: []}
    for url in (portal_url, bakery_url, bakery_url, portal_url):
        runs[url].append(_wrk.run(url, args.duration, args.connections, args.wrk_threads))
    return _goal1.judge(runs[portal_url], runs[bakery_url])


def _times(ratio: float) -> str:
    return "-" if math.isinf(ratio) else f"{ratio:.2f}×"


def _goal_mark(verdict: _goal1.Verdict) -> str:
    """tak / nie; "-" for a void pair; "?" for a lower bound under the goal."""
    if not verdict.valid:
        return "-"
    return {True: "tak", False: "nie", None: "?"}[verdict.met]


def compare_with_bakerydemo(
    base: str, preparation: _bakerydemo.Preparation | None, failed: str | None, args
) -> None:
    """Goal 1: the portal's uncached pages against bakerydemo's of the nearest kind
    (bench/_goal1.py), each pair measured on its own, the errors of each side apart."""
    print("\n== cel 1: portal bez pamięci podręcznej obok bakerydemo (Wagtail 7.4, te same flagi)")
    if preparation is None:
        print(
            "pominięty: bakerydemo nie jest zainstalowany (--bakerydemo KATALOG lub "
            "BAKERYDEMO_DIR: checkout z .venv; instrukcja w docs/performance.md)"
        )
        return
    if failed:
        print(f"pominięty: przygotowanie bakerydemo nie powiodło się: {failed}")
        return
    ours = {pair.label: _goal1.locate(pair.portal, api_reader(base)) for pair in _goal1.PAIRS}
    with _bakerydemo.served(preparation, args.workers, args.threads) as bakery:
        theirs = {
            pair.label: _goal1.locate(pair.bakery, api_reader(bakery)) for pair in _goal1.PAIRS
        }
        header = (
            f"{'rodzaj (portal / bakerydemo)':38} {'portal/s':>9} {'p99 ms':>7} {'błędy':>6} "
            f"{'bakery/s':>9} {'p99 ms':>7} {'błędy':>6} {'krotność':>9} {'≥ 5×':>5}"
        )
        print(header)
        print("-" * len(header))
        verdicts = {}
        for pair in _goal1.PAIRS:
            portal_path, bakery_path = ours[pair.label], theirs[pair.label]
            if portal_path is None or bakery_path is None:
                side = "portalu" if portal_path is None else "bakerydemo"
                print(f"{pair.label:38} pominięty: brak strony tego rodzaju w {side}")
                continue
            # One request each first: it warms both, and a page that does not answer 200
            # would be measured as a refusal.
            statuses = (first_status(base, portal_path), first_status(bakery, bakery_path))
            if statuses != (200, 200):
                print(
                    f"{pair.label:38} pominięty: odpowiedź portalu {statuses[0]}, "
                    f"bakerydemo {statuses[1]}"
                )
                continue
            verdict = measure_pair(base + portal_path, bakery + bakery_path, args)
            verdicts[pair.label] = verdict
            note = verdict.note()
            print(
                f"{pair.label:38} {verdict.portal.requests_per_second:9.1f} "
                f"{verdict.portal.p99_ms:7.0f} {verdict.portal_errors.total:6d} "
                f"{verdict.bakery.requests_per_second:9.1f} {verdict.bakery.p99_ms:7.0f} "
                f"{verdict.bakery_errors.total:6d} {_times(verdict.ratio):>9} "
                f"{_goal_mark(verdict):>5}" + (f"  {note}" if note else "")
            )
        print(
            "krotność: lepszy z dwóch przebiegów każdej strony; błędy: wszystkie przebiegi "
            "strony (timeouty wrk po 5 s, kody ≠ 2xx/3xx, gniazda). Para jest nieważna, gdy "
            "błędy ma portal ('-'); gdy tylko bakerydemo, krotność jest dolną granicą ('?': "
            "nie wiadomo, czy cel spełniony). p99 wrk pomija odpowiedzi po timeoucie."
        )
        summarise(verdicts)
        print("pary i dlaczego tak dobrane:")
        for pair in _goal1.PAIRS:
            print(
                f"  {pair.label}: {ours[pair.label] or '-'} ↔ {theirs[pair.label] or '-'}"
                f"\n      {pair.why}"
            )


def summarise(verdicts: dict[str, _goal1.Verdict]) -> None:
    """Goal 1's line: how many of the goal's kinds met it, and which did not or are unknown."""
    kinds = [pair.label for pair in _goal1.PAIRS]
    by_mark = {"tak": [], "nie": [], "-": [], "?": [], "niezmierzone": []}
    for label in kinds:
        verdict = verdicts.get(label)
        by_mark[_goal_mark(verdict) if verdict else "niezmierzone"].append(label.split(" / ")[0])
    print(
        f"cel 1 (portal ≥ 5× bakerydemo na każdej z {len(kinds)} par): "
        f"spełniony na {len(by_mark['tak'])}"
        + "".join(
            f"; {name}: {', '.join(labels)}"
            for name, labels in (
                ("poniżej", by_mark["nie"]),
                ("nieważne (błędy portalu)", by_mark["-"]),
                ("nie wiadomo (dolna granica poniżej 5×)", by_mark["?"]),
                ("niezmierzone", by_mark["niezmierzone"]),
            )
            if labels
        )
    )


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
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--skip-uncached", action="store_true", help="only the cached run")
    only.add_argument(
        "--only-goal1",
        action="store_true",
        help="only goal 1: the uncached portal beside bakerydemo, no cached or uncached table",
    )
    parser.add_argument(
        "--bakerydemo",
        default=os.environ.get("BAKERYDEMO_DIR"),
        help="a bakerydemo checkout with its .venv, compared uncached (goal 1)",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("bench/http.py needs wrk: apt-get install -y wrk", file=sys.stderr)
        return 2
    if args.only_goal1 and _bakerydemo.installed(args.bakerydemo) is None:
        print(
            "--only-goal1 needs bakerydemo: --bakerydemo DIR or BAKERYDEMO_DIR (a checkout "
            "with its .venv; docs/performance.md)",
            file=sys.stderr,
        )
        return 2

    prefix = f"bench{os.getpid()}"
    shared_cache = redis_url()
    overrides = {
        "DJANGO_SETTINGS_MODULE": "bench.server.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        # Production refuses to start without it (voting.E001); a throwaway one here.
        "VOTER_ID_HASH_KEY": secrets.token_urlsafe(32),
        "CACHE_KEY_PREFIX": prefix,
        # Goal 1 alone measures the uncached site only.
        "PAGE_CACHE_SECONDS": "0" if args.only_goal1 else "60",
        # Every wrk connection comes from 127.0.0.1: the per-address search limit (120 a
        # minute) would answer most uncached searches 429 and measure the refusal.
        "SEARCH_RATE_LIMIT": "100000000",
        "SEARCH_SUGGEST_RATE_LIMIT": "100000000",
    }
    if shared_cache:
        overrides["REDIS_URL"] = shared_cache
    bare_body = Path(tempfile.mkstemp(prefix="portal-bare-", suffix=".html")[1])
    overrides["BENCH_BARE_BODY"] = str(bare_body)

    root = None if args.skip_uncached else _bakerydemo.installed(args.bakerydemo)
    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        # bakerydemo's preparation runs beside the portal's: neither measures anything yet.
        bakerydemo = None
        if root is not None:
            bakerydemo = stack.enter_context(
                _bakerydemo.prepared(root, os.environ.get("DATABASE_URL", ""))
            )
        site = stack.enter_context(
            prepared_site(
                "bench",
                workers=args.workers,
                threads=args.threads,
                env_overrides=overrides,
                before_start=collect_static,
            )
        )
        # Before the first measurement: a preparation still running would slow it down.
        bakerydemo_failed = bakerydemo.finish() if bakerydemo else None
        database = "PostgreSQL" if "postgres" in site.env["DATABASE_URL"] else "SQLite"
        print(
            f"gunicorn: {args.workers} procesy × {args.threads} wątki (gthread), baza: "
            f"{database}, pamięć podręczna: {'Redis' if shared_cache else 'lokalna (per proces)'}"
            f", wrk: {args.wrk_threads} wątki, {args.connections} połączeń, "
            f"{args.duration} s na cel; maszyna: {os.cpu_count()} rdzenie (przygotowanie: "
            f"{time.monotonic() - started:.0f} s"
            + (f", w tym bakerydemo obok: {bakerydemo.seconds:.0f} s" if bakerydemo else "")
            + ")"
        )
        targets = find_targets(site.base_url)
        phases = {"przygotowanie": time.monotonic() - started}
        try:
            if not args.only_goal1:
                cached = measure(site.base_url, targets, args)
                report("pamięć podręczna stron włączona (jak w produkcji)", targets, cached)
                goals(site.base_url, bare_body, args)
                phases["z pamięcią podręczną i cele 3, 6"] = time.monotonic() - started
            if not args.skip_uncached and not args.only_goal1:
                stop(site)
                site.env["PAGE_CACHE_SECONDS"] = "0"
                start_gunicorn(site, workers=args.workers, threads=args.threads)
                uncached = measure(site.base_url, targets, args)
                report("pamięć podręczna stron wyłączona", targets, uncached)
                phases["bez pamięci podręcznej"] = time.monotonic() - started
            if not args.skip_uncached:
                compare_with_bakerydemo(site.base_url, bakerydemo, bakerydemo_failed, args)
                phases["cel 1 z bakerydemo"] = time.monotonic() - started
            # Elapsed time at the end of each phase: --duration scales the measuring only.
            print(
                "\nczas od startu: "
                + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in phases.items())
            )
        finally:
            bare_body.unlink(missing_ok=True)
            if shared_cache:
                clear_redis(shared_cache, prefix)
    return 0


if __name__ == "__main__":
    sys.exit(main())
