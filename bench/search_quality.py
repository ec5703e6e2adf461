"""Quality of the portal search: recall@10 and MRR per query category, beside latency.

    python bench/search_quality.py                      # SQLite (a file under var/)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal python bench/search_quality.py
    python bench/search_quality.py --filler 10000       # the corpus inside 10,000 other entries

Indexes, in a throw-away database (`bench_search_quality`), the project's own corpus of
municipal texts (tests/search/quality_corpus.py: resolutions, calls, NGO records,
notices; identifiers as offices write them; surnames and places the dictionary does
not know), optionally among FILLER generated entries of bench/search.py's corpus (which
share its vocabulary, so they compete for every query), then runs the corpus's queries
through the whole service and prints per category: queries, recall@10, MRR, p50/p95
latency, and the queries whose answer is not first.
"""

from _project import ROOT  # first: the project on the path, bench/ off it

# isort: split
import argparse
import importlib.util
import os
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection  # noqa: E402

from search.service import search  # noqa: E402
from tests.search.quality_corpus import QUERIES, evaluate, index_corpus  # noqa: E402


def add_filler(size: int) -> None:
    """SIZE entries of bench/search.py's generated corpus (loaded by path: its module
    name would shadow the `search` package)."""
    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "bench" / "search.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    corpus = bench.Corpus()
    documents = [corpus.record(number) for number in range(1, size + 1)]
    content_type, _ = ContentType.objects.get_or_create(app_label="bench", model="record")
    bench.index_ours(documents, content_type)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--filler", type=int, default=0, help="generated entries around it")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    test_settings = settings.DATABASES["default"].setdefault("TEST", {})
    if connection.vendor == "sqlite":
        (ROOT / "var").mkdir(exist_ok=True)
        test_settings["NAME"] = str(ROOT / "var" / "bench_search_quality.sqlite3")
    else:
        test_settings["NAME"] = "bench_search_quality"
    print(f"Database: {connection.vendor}; creating the bench database (migrations)…")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        if args.filler:
            started = time.perf_counter()
            add_filler(args.filler)
            print(f"{args.filler} filler entries in {time.perf_counter() - started:.0f} s")
        keys = index_corpus()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        figures = evaluate(lambda q: search(q), keys)
        times: dict[str, list[float]] = {}
        for query_category, query, _relevant in QUERIES:
            search(query)  # warm
            for _ in range(args.rounds):
                started = time.perf_counter()
                search(query)
                times.setdefault(query_category, []).append(time.perf_counter() - started)
        print(
            f"\n{'category':<20} {'queries':>7} {'recall@10':>10} {'MRR':>6} "
            f"{'p50 ms':>7} {'p95 ms':>7}"
        )
        for name, stats in figures.items():
            ms = [t * 1000 for t in times[name]]
            print(
                f"{name:<20} {stats['queries']:>7} {stats['recall']:>10.3f} "
                f"{stats['mrr']:>6.3f} {percentile(ms, 0.5):>7.1f} {percentile(ms, 0.95):>7.1f}"
            )
        total = sum(s["queries"] for s in figures.values())
        recall = sum(s["recall"] * s["queries"] for s in figures.values()) / total
        mrr = sum(s["mrr"] * s["queries"] for s in figures.values()) / total
        print(f"{'all':<20} {total:>7} {recall:>10.3f} {mrr:>6.3f}")
        misses = [(name, miss) for name, s in figures.items() for miss in s["misses"]]
        if misses:
            print("\nnot first or not all found (query: first three found):")
            for name, (query, found) in misses:
                print(f"  [{name}] {query!r}: {found}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
