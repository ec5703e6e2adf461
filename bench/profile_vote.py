"""Profile one vote's four requests in-process: the ballot page, the vote's POST, the
e-mailed link's page and the confirmation's POST (Django's test client, no HTTP server),
on the database of bench/budget_votes.py's setup (e-mails kept in memory, as in tests).

Prints, per request, the mean time over N votes and the SQL queries of the last one;
with --profile, cProfile's top functions by cumulative time for each request.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> \
        .venv/bin/python bench/profile_vote.py [N] [--profile] [--sql]

An empty database is migrated and filled once (`createdb …`); later runs reuse it.
"""

import _project  # noqa: F401 - first: the project on the path, bench/ off it

# isort: split
import argparse
import cProfile
import io
import os
import pstats
import re
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    sys.exit("Set DATABASE_URL to a PostgreSQL database (it is emptied).")
WORKDIR = tempfile.mkdtemp(prefix="profile-vote-")
os.environ["VAR_DIR"] = WORKDIR
os.environ["BENCH_MAILBOX"] = str(Path(WORKDIR) / "mailbox")
(Path(WORKDIR) / "mailbox").mkdir()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.server.voting_settings")

import django  # noqa: E402

django.setup()

from django.core import mail  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
LINK = re.compile(r"/budzet/glosowanie/potwierdz/([^/\s]+)/")


def existing():
    """The setup of an earlier run on this database (a migration takes minutes here)."""
    from pages.budget.models import BudgetEditionPage, BudgetPool, BudgetProject

    edition = BudgetEditionPage.objects.live().first()
    if edition is None:
        return None
    city = edition.pools.get(scope=BudgetPool.Scope.CITY)
    projects = list(BudgetProject.objects.filter(pool=city).order_by("pk"))
    osiedla = [
        (pool, list(BudgetProject.objects.filter(pool=pool).order_by("pk")))
        for pool in edition.pools.filter(scope=BudgetPool.Scope.OSIEDLE).order_by("pk")
    ]
    return edition, city, projects, osiedla


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("votes", nargs="?", type=int, default=50)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="cumulative", help="cProfile's order (tottime...)")
    parser.add_argument("--sql", action="store_true", help="print the last vote's queries")
    options = parser.parse_args()
    setup_test_environment()
    os.environ["BENCH_DATABASE_URL"] = os.environ["DATABASE_URL"]
    from bench.budget_votes import pesel_of, prepare, vote_data  # the same setup and data

    edition, city, projects, osiedla = existing() or prepare()
    names = ("ballot GET", "vote POST", "link GET", "confirm POST")
    times = {name: [] for name in names}
    queries = {}
    profiles = {name: cProfile.Profile() for name in names}

    def timed(name, call, *args, **kwargs):
        with CaptureQueriesContext(connection) as captured:
            # The first vote warms the process up (imports, templates): not profiled.
            profile = profiles[name] if options.profile and times["ballot GET"] else None
            started = time.perf_counter()
            if profile:
                profile.enable()
            answer = call(*args, **kwargs)
            if profile:
                profile.disable()
            times[name].append((time.perf_counter() - started) * 1000)
        queries[name] = [q["sql"] for q in captured.captured_queries]
        return answer

    from voting.models import Ballot

    first = Ballot.objects.count()  # PESELs not used by an earlier run
    # One client, as one server process: each Client builds its own middleware (and
    # WhiteNoise lists every static file then); each voter starts without cookies.
    client = Client(enforce_csrf_checks=True)
    for n in range(first, first + options.votes):
        client.cookies = SimpleCookie()
        osiedle = osiedla[n % len(osiedla)]
        path = f"/budzet/glosowanie/{edition.pk}/?pula={osiedle[0].slug}"
        page = timed("ballot GET", client.get, path).content.decode()
        data = vote_data(page, city, projects, osiedle, n, pesel_of(n))
        answer = timed("vote POST", client.post, path, data, HTTP_REFERER=path)
        assert answer.status_code == 200, answer.status_code
        key = LINK.findall(mail.outbox[-1].body)[0]
        link = f"/budzet/glosowanie/potwierdz/{key}/"
        page = timed("link GET", client.get, link).content.decode()
        token = CSRF.search(page).group(1)
        answer = timed("confirm POST", client.post, link, {"csrfmiddlewaretoken": token})
        assert answer.status_code == 200, answer.status_code
    for name in names:
        values = sorted(times[name][1:] or times[name])  # the first warms caches up
        mean = sum(values) / len(values)
        print(
            f"{name}: mean {mean:.1f} ms, median {values[len(values) // 2]:.1f} ms, "
            f"{len(queries[name])} queries"
        )
        if options.sql:
            for sql in queries[name]:
                print(f"    {sql[:220]}")
        if options.profile:
            out = io.StringIO()
            pstats.Stats(profiles[name], stream=out).sort_stats(options.sort).print_stats(35)
            print(out.getvalue())


if __name__ == "__main__":
    main()
