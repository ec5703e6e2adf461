"""What a page-cache hit costs in process, middleware by middleware, against a bare answer.

    .venv/bin/python bench/page_cache_hit.py [--requests 3000] [--existing DATABASE_URL]
        [--profile]

Builds a database of its own (PostgreSQL when DATABASE_URL names one, else SQLite) with
the seed and every app's sample content, or measures --existing (seeded, with sample
content) as it is, and collects the static files. Then, in this process, with the settings
bench/http.py serves (bench/server/settings.py: production's, plus the bare answer before
every middleware) and the shared Redis cache (REDIS_URL, default redis://127.0.0.1:6379/0,
under a key prefix of its own, removed afterwards), it calls Django's WSGI handler as
gunicorn does:

- the cached home page and the bare Django answer of the same bytes, interleaved in
  rounds: microseconds per request (median of the rounds) and their ratio, the in-process
  side of issue 17's goal 6 (bench/http.py measures it over HTTP);
- the hit's time spent in each middleware itself (not in those it calls), in the order of
  settings.MIDDLEWARE, and outside any (Django's handler: the request object, signals);
- the Redis round trips a hit makes (commands sent by the real client, counted);
- with --profile, cProfile's 25 costliest functions of the hits (own time).
"""

import _project  # noqa: F401 - first: the project on the path, bench/ off it

# isort: split
import argparse
import cProfile
import io
import os
import pstats
import secrets
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

from tests.live_site import (
    LiveSite,
    collect_static,
    create_postgres_database,
    drop_postgres_database,
    prepare,
    site_environment,
)

# Time each middleware spends itself: a stack of "time spent in what it called" per thread.
_own = defaultdict(float)
_stack = threading.local()


def _timed(path: str, middleware_class):
    """A factory for Django's middleware loader that times MIDDLEWARE_CLASS's instance."""

    def factory(get_response):
        inner = middleware_class(get_response)

        class Timed:
            def __call__(self, request):
                calls = _stack.__dict__.setdefault("calls", [])
                calls.append(0.0)
                started = time.perf_counter()
                try:
                    return inner(request)
                finally:
                    elapsed = time.perf_counter() - started
                    below = calls.pop()
                    _own[path] += elapsed - below
                    if calls:
                        calls[-1] += elapsed

        timed = Timed()
        for hook in ("process_view", "process_template_response", "process_exception"):
            if hasattr(inner, hook):
                setattr(timed, hook, getattr(inner, hook))
        return timed

    return factory


def _environ(path: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_USER_AGENT": "wrk",
        "HTTP_ACCEPT": "*/*",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def _call(handler, path: str) -> tuple[str, dict, bytes]:
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    result = handler(_environ(path), start_response)
    body = b"".join(result)
    result.close()  # request_finished, as gunicorn does
    return answer["status"], answer["headers"], body


def _per_request(handler, path: str, count: int) -> tuple[float, float]:
    """Wall-clock and CPU microseconds per request (on a shared machine the CPU time is the
    steadier figure: the wall clock also counts waiting for a core after each round trip)."""
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(count):
        _call(handler, path)
    wall = (time.perf_counter() - started) / count * 1e6
    return wall, (time.process_time() - cpu) / count * 1e6


def _count_round_trips(handler, path: str) -> int:
    """Redis commands sent by the real client during one request to PATH."""
    import redis

    sent = []
    original = redis.Redis.execute_command

    def counting(self, *args, **options):
        sent.append(args[0])
        return original(self, *args, **options)

    redis.Redis.execute_command = counting
    try:
        _call(handler, path)
    finally:
        redis.Redis.execute_command = original
    return len(sent)


def measure(args) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.handlers import base
    from django.core.handlers.wsgi import WSGIHandler

    real_import = base.import_string
    handler = WSGIHandler()
    base.import_string = lambda path: _timed(path, real_import(path))
    try:
        timed_handler = WSGIHandler()
    finally:
        base.import_string = real_import

    status, _headers, body = _call(handler, "/")  # renders and stores it
    Path(os.environ["BENCH_BARE_BODY"]).write_bytes(body)
    for _ in range(3):
        _call(handler, "/")  # this process learns the address (core.page_cache_keys)
    state = _call(handler, "/")[1].get("X-Page-Cache")
    bare_status, _headers, bare = _call(handler, "/__bench/bare/")
    print(
        f"strona główna: {status}, {len(body):,} bajtów, X-Page-Cache: {state}; "
        f"goła odpowiedź: {bare_status}, {len(bare):,} bajtów"
    )
    if state != "hit":
        print("strona główna nie jest podawana z pamięci podręcznej: pomiar przerwany")
        return

    rounds, per_round = 10, max(1, args.requests // 10)
    hits, bares = [], []
    for _ in range(rounds):
        bares.append(_per_request(handler, "/__bench/bare/", per_round))
        hits.append(_per_request(handler, "/", per_round))
    for label, index in (("zegar", 0), ("CPU procesu", 1)):
        hit = statistics.median(h[index] for h in hits)
        bare_us = statistics.median(b[index] for b in bares)
        print(
            f"w procesie, {label} ({rounds} rund po {per_round} żądań, mediana): trafienie "
            f"{hit:.0f} µs, goła odpowiedź {bare_us:.0f} µs; goła/trafienie = "
            f"{bare_us / hit:.2f}× (cel 6 przez HTTP: ≥ 0,8×)"
        )
    print(f"\nzapytania do Redisa przy trafieniu: {_count_round_trips(handler, '/')}")

    _own.clear()
    count = args.requests
    started = time.perf_counter()
    for _ in range(count):
        _call(timed_handler, "/")
    total = (time.perf_counter() - started) / count * 1e6
    print(f"\nczas własny każdego middleware przy trafieniu (µs/żądanie, z pomiarem: {total:.0f})")
    inside = 0.0
    for path in settings.MIDDLEWARE:
        if path in _own:
            own = _own[path] / count * 1e6
            inside += own
            print(f"  {own:7.1f}  {path}")
    print(f"  {total - inside:7.1f}  poza middleware (handler WSGI Django, sygnały, odpowiedź)")

    if args.profile:
        profiler = cProfile.Profile(time.process_time)  # CPU: waiting for Redis is not cost
        profiler.enable()
        for _ in range(count):
            _call(handler, "/")
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
        print(out.getvalue())


def _clear_redis(url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--existing", metavar="DATABASE_URL")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    base_url = args.existing or os.environ.get("DATABASE_URL", "")
    is_postgres = base_url.startswith(("postgres://", "postgresql://"))
    prefix = f"benchhit{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="portal-hit-") as tmp:
        workdir = Path(tmp)
        if args.existing:
            database_url = args.existing
        elif is_postgres:
            database_url = create_postgres_database(base_url, f"bench_hit_{os.getpid()}")
        else:
            database_url = f"sqlite:///{workdir / 'site.sqlite3'}"
        env = site_environment(
            database_url,
            workdir,
            DJANGO_SETTINGS_MODULE="bench.server.settings",
            SECRET_KEY=secrets.token_urlsafe(50),
            VOTER_ID_HASH_KEY=secrets.token_urlsafe(32),
            CACHE_KEY_PREFIX=prefix,
            PAGE_CACHE_SECONDS="60",
            REDIS_URL=redis_url,
            BENCH_BARE_BODY=str(workdir / "bare.html"),
        )
        site = LiveSite(base_url="http://testserver", env=env, workdir=workdir)
        try:
            if not args.existing:
                prepare(site)
            collect_static(site)  # production settings serve hashed names
            os.environ.update(site.env)
            measure(args)
        finally:
            _clear_redis(redis_url, prefix)
            if is_postgres and not args.existing:
                drop_postgres_database(database_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
