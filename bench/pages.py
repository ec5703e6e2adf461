"""SQL queries and in-process render time of every public page type, uncached.

    .venv/bin/python bench/pages.py [--rounds 30]

Builds a database of its own (PostgreSQL when DATABASE_URL names one, else SQLite) with the
seed and every app's sample content, then renders one page of each public type through Django's test
client in this process: the page cache off, the shared fragments on (as deployed, with the
local-memory cache), after one warming request. Prints queries and the median and p90
render time of each, against the goals of issue 17 (≤ 10 queries on the home page, ≤ 15
on every other page type, the home page in ≤ 15 ms on PostgreSQL).
"""

import _project  # noqa: F401 - first: the project on the path, bench/ off it

# isort: split
import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.live_site import (
    LiveSite,
    create_postgres_database,
    drop_postgres_database,
    prepare,
    site_environment,
)

PAGE_TYPES = [
    ("strona główna", "pages.HomePage"),
    ("wydział", "pages.DepartmentPage"),
    ("zespół", "pages.TeamPage"),
    ("kontakt", "pages.ContactPage"),
    ("strona zwykła", "pages.StandardPage"),
    ("deklaracja dostępności", "pages.AccessibilityStatementPage"),
    ("polityka prywatności", "pages.PrivacyPolicyPage"),
    ("lista konsultacji", "consultations.ConsultationIndexPage"),
    ("konsultacja", "consultations.ConsultationPage"),
    ("lista ogłoszeń", "consultations.AnnouncementIndexPage"),
    ("ogłoszenie", "consultations.AnnouncementPage"),
    ("katalog organizacji", "registry.NGODirectoryPage"),
    ("konkursy", "registry.GrantCallIndexPage"),
    ("CAO", "cao.AdvisoryServiceIndexPage"),
    ("usługa CAO", "cao.AdvisoryServicePage"),
    ("poradniki", "cao.GuidanceIndexPage"),
    ("poradnik", "cao.GuidancePage"),
    ("wydarzenia", "cao.EventIndexPage"),
    ("wydarzenie", "cao.EventPage"),
]


def _first_link(client, page_path: str, exclude: str = "kalendarz") -> str | None:
    body = client.get(page_path).content.decode()
    links = re.findall(rf'href="({re.escape(page_path)}[^"?#]+/)"', body)
    return next((link for link in links if exclude not in link), None)


def targets(client) -> list[tuple[str, str | None]]:
    from django.apps import apps

    found = []
    for name, label in PAGE_TYPES:
        page = apps.get_model(label).objects.live().public().order_by("path").first()
        found.append((name, page.url if page else None))
    paths = dict(found)
    if paths.get("katalog organizacji"):
        found.append(("organizacja", _first_link(client, paths["katalog organizacji"])))
    if paths.get("konkursy"):
        found.append(("konkurs / oferta", _first_link(client, paths["konkursy"])))
    found.append(("wyszukiwanie", "/szukaj/?q=konsultacje"))
    return found


def measure(client, path: str, rounds: int) -> tuple[int, int, float, float]:
    from django.db import connection

    client.get(path)  # warm per-process caches and the shared fragments
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        status = client.get(path).status_code
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
    return status, len(queries), statistics.median(times), p90


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument(
        "--existing",
        metavar="DATABASE_URL",
        help="measure this database as it is (seeded and with sample content) instead of "
        "building one",
    )
    args = parser.parse_args()
    base_url = args.existing or os.environ.get("DATABASE_URL", "")
    is_postgres = base_url.startswith(("postgres://", "postgresql://"))
    with tempfile.TemporaryDirectory(prefix="portal-pages-") as tmp:
        workdir = Path(tmp)
        if args.existing:
            database_url = args.existing
        elif is_postgres:
            database_url = create_postgres_database(base_url, f"bench_pages_{os.getpid()}")
        else:
            database_url = f"sqlite:///{workdir / 'site.sqlite3'}"
        env = site_environment(database_url, workdir, PAGE_CACHE_SECONDS="0")
        site = LiveSite(base_url="http://testserver", env=env, workdir=workdir)
        try:
            started = time.monotonic()
            if not args.existing:
                prepare(site)
            prepared = time.monotonic() - started
            os.environ.update(env)
            os.environ["FRAGMENT_CACHE_SECONDS"] = "300"
            import django

            django.setup()
            from django.test import Client

            client = Client()
            database = "PostgreSQL" if is_postgres else "SQLite"
            print(
                f"baza: {database}, dane przykładowe, {args.rounds} pomiarów na "
                f"stronę, maszyna: {os.cpu_count()} rdzenie (przygotowanie: {prepared:.0f} s)"
            )
            header = (
                f"{'strona':26} {'kod':>4} {'zapytań':>8} {'cel':>5} {'ms p50':>8} {'ms p90':>8}"
            )
            print(header)
            print("-" * len(header))
            for name, path in targets(client):
                if path is None:
                    print(f"{name:26} pominięta: brak takiej strony w danych")
                    continue
                status, queries, p50, p90 = measure(client, path, args.rounds)
                goal = 10 if path == "/" else 15
                mark = "" if queries <= goal else "  ← ponad cel"
                print(f"{name:26} {status:4d} {queries:8d} {goal:5d} {p50:8.1f} {p90:8.1f}{mark}")
            print(
                "cel: ≤ 10 zapytań na stronie głównej, ≤ 15 na pozostałych; strona główna ≤ 15 ms"
            )
        finally:
            if "django" in sys.modules and os.environ.get("DJANGO_SETTINGS_MODULE"):
                from django.db import connections

                connections.close_all()
            if is_postgres and not args.existing:
                drop_postgres_database(database_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
