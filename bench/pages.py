"""SQL queries and in-process render time of every public page type, uncached.

    .venv/bin/python bench/pages.py [--rounds 30] [--redis redis://127.0.0.1:6379/5]

Builds a database of its own (PostgreSQL when DATABASE_URL names one, else SQLite) with the
seed and every app's sample content, then renders one page of each public type through
Django's test client in this process: the page cache off, the shared fragments on, after
one warming request. The caches are the process's memory, or with --redis URL that Redis
as deployed (what only a cache every process reads may share, the restricted pages and
the view restrictions, is shared then), under a key prefix of the run's own, deleted at
the end. Prints queries and the median and p90
render time of each, against the goals of issue 17 (≤ 10 queries on the home page, ≤ 15
on every other page type, the home page in ≤ 15 ms on PostgreSQL). Then the same for
signed-in users (goal 7): a staff member's and an NGO partner's typical pages (their zone,
a zone page, the home page and a consultation while signed in), each against the uncached
anonymous render of the same page, or of a plain page where the anonymous visitor has none,
the two measured in turns, round by round (goal: within 2×). With --scale N, the registers
and the listed pages are then copied to N times their number and the listings and the home
page measured again (goal 4: within 1.2× of their time at 1×).
"""

import _project  # noqa: F401 - first: the project on the path, bench/ off it

# isort: split
import argparse
import os
import random
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
    if paths.get("wydarzenia"):
        found.append(("minione wydarzenia", f"{paths['wydarzenia']}minione/"))
    found.append(("wyszukiwanie", "/szukaj/?q=konsultacje"))
    return found


def measure(client, path: str, rounds: int) -> tuple[int, int, float, float]:
    from django.db import connection

    # Warm: the first request fills the per-process caches, the shared fragments and
    # routes and the plan of its queries; the second reads a restricted page by its shared
    # route, preparing that query's statement (core.pg_statements, once per connection).
    client.get(path)
    client.get(path)
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


def paired_medians(first, second, rounds: int) -> tuple[float, float]:
    """Median render times (ms) of FIRST and SECOND, each (client, path), their rounds
    interleaved: a machine that slows down during the run (a shared VM) moves both alike,
    so their ratio stays the page's own."""
    times = ([], [])
    for _ in range(rounds):
        for (client, path), kept in zip((first, second), times, strict=True):
            started = time.perf_counter()
            client.get(path)
            kept.append((time.perf_counter() - started) * 1000)
    return statistics.median(times[0]), statistics.median(times[1])


BENCH_USERS = ("bench-pracownik", "bench-partner")


def signed_in_clients():
    """Test clients signed in as a staff member and as an NGO partner (users made here)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from accounts import roles
    from accounts.models import NGOPartnerProfile
    from snippets.models import NGO

    User = get_user_model()
    staff, _ = User.objects.get_or_create(username=BENCH_USERS[0])
    staff.groups.add(Group.objects.get(name=roles.STAFF))
    partner, _ = User.objects.get_or_create(username=BENCH_USERS[1])
    ngo = NGO.objects.order_by("pk").first()
    if ngo is not None:
        NGOPartnerProfile.objects.get_or_create(user=partner, defaults={"ngo": ngo})
    partner.groups.add(Group.objects.get(name=roles.NGO_PARTNERS))
    clients = {}
    for label, user in (("pracownik", staff), ("partner NGO", partner)):
        client = Client()
        client.force_login(user)
        clients[label] = client
    return clients


def signed_in_targets(anonymous: dict[str, str | None]) -> list[tuple[str, str, str | None]]:
    """(who, path, the anonymous page of the same kind) for goal 7."""
    from accounts.models import SectionPage
    from accounts.sections import EXTRANET, INTRANET

    def zone(slug):
        section = SectionPage.objects.filter(slug=slug).first()
        if section is None:
            return None, None
        child = section.get_children().live().order_by("path").first()
        return section.url, child.url if child else None

    intranet, intranet_page = zone(INTRANET.slug)
    extranet, extranet_page = zone(EXTRANET.slug)
    # A zone page is compared with a plain public page (a public standard page where there
    # is one, else the privacy policy: text under a heading, as a zone page is).
    plain = "strona zwykła" if anonymous.get("strona zwykła") else "polityka prywatności"
    found = [
        ("pracownik", intranet, plain),
        ("pracownik", intranet_page, plain),
        ("pracownik", anonymous.get("strona główna"), "strona główna"),
        ("pracownik", anonymous.get("konsultacja"), "konsultacja"),
        ("partner NGO", extranet, plain),
        ("partner NGO", extranet and f"{extranet}moja-organizacja/", "organizacja"),
        ("partner NGO", extranet_page, plain),
        ("partner NGO", anonymous.get("strona główna"), "strona główna"),
    ]
    return [(who, path, reference) for who, path, reference in found if path]


def report_signed_in(rounds: int, anonymous: dict[str, str | None]) -> None:
    from django.test import Client

    clients = signed_in_clients()
    visitor = Client()
    print(
        "\nzalogowani (cel 7: ≤ 2× czasu tej samej lub podobnej strony dla anonimowego; "
        "pomiary obu stron na przemian)"
    )
    header = (
        f"{'kto':12} {'strona':34} {'kod':>4} {'zapytań':>8} {'ms p50':>8} {'anonim.':>8} "
        f"{'krotność':>9}"
    )
    print(header)
    print("-" * len(header))
    for who, path, reference in signed_in_targets(anonymous):
        reference_path = anonymous.get(reference)
        # Its status and queries (timed here only when there is no reference to pair it with).
        status, queries, p50, _p90 = measure(clients[who], path, 1 if reference_path else rounds)
        if reference_path is None:
            print(f"{who:12} {path[:34]:34} {status:4d} {queries:8d} {p50:8.1f} {'-':>8} {'-':>9}")
            continue
        visitor.get(reference_path)  # warm
        p50, base = paired_medians((clients[who], path), (visitor, reference_path), rounds)
        mark = "  ← ponad cel" if p50 > 2 * base else ""
        print(
            f"{who:12} {path[:34]:34} {status:4d} {queries:8d} {p50:8.1f} {base:8.1f} "
            f"{p50 / base:8.2f}×{mark}"
        )


LISTINGS = (
    "strona główna",
    "lista konsultacji",
    "lista ogłoszeń",
    "katalog organizacji",
    "konkursy",
    "wydarzenia",
    "minione wydarzenia",
    "poradniki",
    "wyszukiwanie",
)
# Listed page types copied by --scale (each live page copied under its own parent).
SCALED_PAGE_TYPES = (
    "consultations.ConsultationPage",
    "consultations.AnnouncementPage",
    "cao.EventPage",
    "cao.GuidancePage",
)


def _copies(model, factor: int, unique: dict) -> int:
    """Bulk copies of every row of MODEL, FACTOR - 1 times each; UNIQUE maps a unique
    field to a function (row, copy number) -> a fresh value."""
    rows = list(model.objects.all())
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    made = []
    for number in range(2, factor + 1):
        for row in rows:
            values = {field.attname: getattr(row, field.attname) for field in fields}
            values.update({name: fresh(row, number) for name, fresh in unique.items()})
            made.append(model(**values))
    model.objects.bulk_create(made, batch_size=1000)
    return len(made)


def scale_data(factor: int) -> str:
    """Copy the registers and the listed pages to FACTOR times their number."""
    from django.apps import apps

    from snippets import identifiers
    from snippets.models import NGO, GrantCall

    rng = random.Random(17)
    used_krs = set(NGO.objects.values_list("krs", flat=True))
    used_nip = set(NGO.objects.values_list("nip", flat=True))

    def fresh(used, make):
        value = make(rng)
        while value in used:
            value = make(rng)
        used.add(value)
        return value

    ngos = _copies(
        NGO,
        factor,
        {
            "slug": lambda row, n: f"{row.slug}-{n}",
            "name": lambda row, n: f"{row.name} ({n})",
            "krs": lambda row, n: row.krs and fresh(used_krs, identifiers.random_krs),
            "nip": lambda row, n: row.nip and fresh(used_nip, identifiers.random_nip),
        },
    )
    calls = _copies(GrantCall, factor, {"slug": lambda row, n: f"{row.slug}-{n}"})
    pages = 0
    for label in SCALED_PAGE_TYPES:
        model = apps.get_model(label)
        for page in list(model.objects.live().public()):
            parent = page.get_parent()
            for number in range(2, factor + 1):
                page.copy(
                    to=parent,
                    update_attrs={
                        "slug": f"{page.slug}-{number}",
                        "title": f"{page.title} ({number})",
                    },
                    keep_live=True,
                    log_action=None,
                )
                pages += 1
    return f"kopie: {ngos} organizacji, {calls} konkursów, {pages} stron"


def report_scaled(client, factor: int, rounds: int, found, medians: dict) -> None:
    print(f"\nlisty przy {factor}× danych (cel 4: ≤ 1,2× czasu przy 1×)")
    started = time.monotonic()
    summary = scale_data(factor)
    print(f"{summary} ({time.monotonic() - started:.0f} s)")
    header = f"{'strona':26} {'kod':>4} {'zapytań':>8} {'ms p50':>8} {'przy 1×':>8} {'krotność':>9}"
    print(header)
    print("-" * len(header))
    for name, path in found:
        if name not in LISTINGS or path is None or name not in medians:
            continue
        status, queries, p50, _p90 = measure(client, path, rounds)
        ratio = p50 / medians[name]
        mark = "  ← ponad cel" if ratio > 1.2 else ""
        before = medians[name]
        print(f"{name:26} {status:4d} {queries:8d} {p50:8.1f} {before:8.1f} {ratio:8.2f}×{mark}")


def use_redis(url: str) -> str:
    """The caches and sessions on the Redis at URL as production configures them with one
    Redis (config.settings.base: REDIS_COUNTERS_URL defaults to REDIS_URL, every alias under
    one key prefix), the prefix this run's own; returns the prefix."""
    from django.test.utils import override_settings

    from config.settings.base import _redis_cache

    prefix = f"bench-pages-{os.getpid()}"

    def cache(outage):
        return {**_redis_cache(url, outage=outage), "KEY_PREFIX": prefix}

    override_settings(
        CACHES={
            "default": cache("miss"),
            "counters": cache("local"),
            "sessions": cache("miss"),
        },
        SESSION_ENGINE="accounts.session_store",
        SESSION_CACHE_ALIAS="sessions",
    ).enable()  # for the rest of the run; Django's cache handlers are reset by it
    return prefix


def forget_redis(url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument(
        "--scale",
        type=int,
        default=0,
        metavar="N",
        help="then copy the data to N times its size and measure the listings again",
    )
    parser.add_argument(
        "--redis",
        metavar="URL",
        help="the caches (pages, fragments, sessions) on this Redis, as deployed, instead of "
        "the process's memory",
    )
    parser.add_argument(
        "--existing",
        metavar="DATABASE_URL",
        help="measure this database as it is (seeded and with sample content) instead of "
        "building one",
    )
    args = parser.parse_args()
    base_url = args.existing or os.environ.get("DATABASE_URL", "")
    is_postgres = base_url.startswith(("postgres://", "postgresql://"))
    redis_prefix = None
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

            redis_prefix = use_redis(args.redis) if args.redis else None
            client = Client()
            database = "PostgreSQL" if is_postgres else "SQLite"
            caches_used = "Redis" if args.redis else "pamięć procesu"
            print(
                f"baza: {database}, pamięć podręczna: {caches_used}, dane przykładowe, "
                f"{args.rounds} pomiarów na stronę, maszyna: {os.cpu_count()} rdzenie "
                f"(przygotowanie: {prepared:.0f} s)"
            )
            header = (
                f"{'strona':26} {'kod':>4} {'zapytań':>8} {'cel':>5} {'ms p50':>8} {'ms p90':>8}"
            )
            print(header)
            print("-" * len(header))
            found = targets(client)
            medians = {}
            for name, path in found:
                if path is None:
                    print(f"{name:26} pominięta: brak takiej strony w danych")
                    continue
                status, queries, p50, p90 = measure(client, path, args.rounds)
                medians[name] = p50
                goal = 10 if path == "/" else 15
                mark = "" if queries <= goal else "  ← ponad cel"
                print(f"{name:26} {status:4d} {queries:8d} {goal:5d} {p50:8.1f} {p90:8.1f}{mark}")
            print(
                "cel: ≤ 10 zapytań na stronie głównej, ≤ 15 na pozostałych; strona główna ≤ 15 ms"
            )
            report_signed_in(args.rounds, dict(found))
            if args.scale > 1 and not args.existing:
                report_scaled(client, args.scale, args.rounds, found, medians)
        finally:
            if "django" in sys.modules and os.environ.get("DJANGO_SETTINGS_MODULE"):
                from django.contrib.auth import get_user_model
                from django.db import connections

                if args.existing:  # leave the measured database as it was
                    get_user_model().objects.filter(username__in=BENCH_USERS).delete()

                connections.close_all()
            if redis_prefix:
                forget_redis(args.redis, redis_prefix)
            if is_postgres and not args.existing:
                drop_postgres_database(database_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
