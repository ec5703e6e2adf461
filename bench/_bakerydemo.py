"""Wagtail's demo site (wagtail/bakerydemo) served beside the portal, as issue 17's reference.

bench/http.py compares the portal's uncached pages with bakerydemo's pages of the same kind
in the same run, under the same gunicorn flags, on the same kind of database: what a team
gets from stock Wagtail with ordinary templates. bakerydemo needs a checkout and a
virtualenv of its own (Wagtail 7.4 on Python 3.11; docs/performance.md says how); without
them the comparison is skipped with a message. Its database is made here, from its own
migrations and demo data, and dropped afterwards. Which of its pages are compared with
which of the portal's is bench/_goal1.py's.
"""

import contextlib
import os
import secrets
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tests.live_site import create_postgres_database, drop_postgres_database, free_port


def installed(directory: str | None) -> Path | None:
    """DIRECTORY (a bakerydemo checkout with .venv/bin/python) if it is usable, else None."""
    if not directory:
        return None
    root = Path(directory)
    if (root / "manage.py").is_file() and (root / ".venv/bin/gunicorn").is_file():
        return root
    return None


def _environment(database_url: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "VIRTUAL_ENV"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bakerydemo.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=database_url,
        SECURE_SSL_REDIRECT="False",
        SECURE_HSTS_SECONDS="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    return env


def _wait_until_up(base_url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("bakerydemo's gunicorn exited")
        try:
            with urllib.request.urlopen(base_url + "/", timeout=2):  # noqa: S310
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"bakerydemo did not answer within {timeout} s")


@contextlib.contextmanager
def served(root: Path, portal_database_url: str, workers: int, threads: int) -> Iterator[str]:
    """bakerydemo with its demo data under gunicorn (WORKERS × THREADS) on a free port, on
    a database of its own of the same kind as the portal's (PostgreSQL or SQLite): its
    base URL."""
    python = str(root / ".venv/bin/python")
    is_postgres = portal_database_url.startswith(("postgres://", "postgresql://"))
    with tempfile.TemporaryDirectory(prefix="bakerydemo-") as tmp:
        workdir = Path(tmp)
        if is_postgres:
            database_url = create_postgres_database(portal_database_url, f"bakery_{os.getpid()}")
        else:
            database_url = f"sqlite:///{workdir / 'bakery.sqlite3'}"
        env = _environment(database_url)
        process = None
        try:
            for command in (
                ["migrate", "--noinput", "-v0"],
                ["load_initial_data"],
                ["collectstatic", "--noinput", "-v0"],
            ):
                subprocess.run(
                    [python, "manage.py", *command],
                    cwd=root,
                    env=env,
                    check=True,
                    capture_output=True,
                    timeout=600,
                )
            base_url = f"http://127.0.0.1:{free_port()}"
            log = (workdir / "server.log").open("ab")
            process = subprocess.Popen(
                [
                    str(root / ".venv/bin/gunicorn"),
                    "bakerydemo.wsgi:application",
                    "--bind",
                    base_url.removeprefix("http://"),
                    "--workers",
                    str(workers),
                    "--threads",
                    str(threads),
                    "--worker-class",
                    "gthread",
                    "--timeout",
                    "60",
                ],
                cwd=root,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            _wait_until_up(base_url, process)
            yield base_url
        finally:
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
            if is_postgres:
                drop_postgres_database(database_url)
