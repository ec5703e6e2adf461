"""Benchmark: import 5,000 organisations from CSV, then again (unchanged), then with
every name changed (updates). Prints rows per second for each run. The time includes
updating Wagtail's index (admin choosers) and the site search (Polish analysis), which
the immediate task backend does before the import returns.

Runs on a throwaway SQLite database unless BENCH_DATABASE_URL points at another (e.g.
postgres://postgres@127.0.0.1:5432/bench_ngo, which must exist and may be emptied).

    .venv/bin/python bench/ngo_import.py [ROWS]
"""

import _project  # noqa: F401 - first: the project on the path, bench/ off it

# isort: split
import csv
import io
import os
import random
import sys
import tempfile
import time

WORKDIR = tempfile.mkdtemp(prefix="bench-ngo-")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{WORKDIR}/bench.sqlite3"
)
os.environ["VAR_DIR"] = WORKDIR
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402 - the path and settings above must come first

django.setup()

from django.core.management import call_command  # noqa: E402

from pages.department.seed import ensure_home_page  # noqa: E402
from pages.registry.models import NGODirectoryPage  # noqa: E402
from snippets import identifiers, ngo_table  # noqa: E402
from snippets.models import NGO, PublicBenefitArea  # noqa: E402
from snippets.ngo_import import import_ngos  # noqa: E402

LIMIT_SECONDS = 60  # "seconds", with room for a slow shared machine
FORMS = ["stowarzyszenie", "fundacja", "klub sportowy", "stowarzyszenie zwykłe"]


def rows(count: int, rng: random.Random, suffix: str = "") -> bytes:
    numbers = list(PublicBenefitArea.objects.values_list("number", flat=True))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ngo_table.COLUMN_NAMES)
    writer.writeheader()
    seen_krs, seen_nip = set(), set()
    for index in range(count):
        krs = identifiers.random_krs(rng)
        nip = identifiers.random_nip(rng)
        while krs in seen_krs:
            krs = identifiers.random_krs(rng)
        while nip in seen_nip:
            nip = identifiers.random_nip(rng)
        seen_krs.add(krs)
        seen_nip.add(nip)
        writer.writerow(
            {
                "nazwa": f"Organizacja testowa nr {index}{suffix}",
                "nazwa_skrocona": f"OT {index}",
                "forma_prawna": rng.choice(FORMS),
                "krs": krs,
                "nip": nip,
                "regon": identifiers.random_regon(rng, rng.choice((9, 14))),
                "opp": rng.choice(("tak", "nie")),
                "obszary": ";".join(rng.sample(numbers, rng.randint(1, 3))),
                "ulica": f"ul. Testowa {index}",
                "kod_pocztowy": "41-300",
                "miejscowosc": "Dąbrowa Górnicza",
                "email": f"biuro{index}@example.org",
                "telefon": "32 000 00 00",
                "strona_www": f"https://org{index}.example.org",
                "opis": "Organizacja wygenerowana do pomiaru wydajności importu.",
                "dzialajaca": "tak",
                "data_weryfikacji": "2026-01-15",
            }
        )
    return buffer.getvalue().encode()


def timed(label: str, data: bytes, count: int) -> float:
    started = time.perf_counter()
    report = import_ngos(data)
    elapsed = time.perf_counter() - started
    if not report.ok:
        print(report.errors[:5])
        raise SystemExit(f"{label}: the import refused valid rows")
    print(
        f"{label:<34} {elapsed:6.2f} s  {count / elapsed:8.0f} wierszy/s  "
        f"(nowe {report.created}, zmienione {report.updated}, bez zmian {report.unchanged})"
    )
    return elapsed


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    call_command("migrate", verbosity=0)
    NGO.objects.all().delete()
    # With the directory published, every record also goes into the site search.
    home = ensure_home_page()
    if not NGODirectoryPage.objects.exists():
        directory = home.add_child(
            instance=NGODirectoryPage(title="Organizacje", slug="organizacje")
        )
        directory.save_revision().publish()
    rng = random.Random(2003)
    first = rows(count, rng)
    print(f"Import {count} organizacji, baza: {django.db.connection.vendor}")
    slowest = max(
        timed("pierwszy import (tworzenie)", first, count),
        timed("ponowny import (bez zmian)", first, count),
        timed(
            "import ze zmianami (aktualizacja)",
            first.replace(b"testowa nr", b"zmieniona nr"),
            count,
        ),
    )
    assert NGO.objects.count() == count, "duplicates or missing rows"
    if slowest > LIMIT_SECONDS:
        raise SystemExit(f"Za wolno: {slowest:.1f} s > {LIMIT_SECONDS} s")


if __name__ == "__main__":
    main()
