"""Wagtail's demo site (wagtail/bakerydemo) served beside the portal, as issue 17's reference.

bench/http.py compares the portal's uncached pages with bakerydemo's pages of the same kind
in the same run, under the same gunicorn flags, on the same kind of database: what a team
gets from stock Wagtail with ordinary templates. bakerydemo needs a checkout and a
virtualenv of its own (Wagtail 7.4 on Python 3.11; docs/performance.md says how); without
them the comparison is skipped with a message. Its database is made here, from its own
migrations and demo data, in the background while the portal's is made (`prepared`), and
dropped afterwards; `served` then runs it. Which of its pages are compared with which of
the portal's is bench/_goal1.py's.
"""

import contextlib
import os
import secrets
import subprocess
import tempfile
import threading
import time
import urllib.error
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


COMMANDS = (
    ["migrate", "--noinput", "-v0"],
    ["load_initial_data"],
    ["collectstatic", "--noinput", "-v0"],
)
# Bound on one manage.py command: generous, for a loaded shared machine.
COMMAND_TIMEOUT = 900


class Preparation:
    """bakerydemo's database and static files being made in a thread of their own, one
    manage.py command after the other."""

    def __init__(self, root: Path, env: dict, workdir: Path):
        self.root = root
        self.env = env
        self.workdir = workdir
        self.seconds = 0.0
        self._error: str | None = None
        self._process: subprocess.Popen | None = None
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        started = time.monotonic()
        try:
            for command in COMMANDS:
                if self._stopping.is_set():
                    return
                self._process = subprocess.Popen(
                    [str(self.root / ".venv/bin/python"), "manage.py", *command],
                    cwd=self.root,
                    env=self.env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                )
                try:
                    output, _ = self._process.communicate(timeout=COMMAND_TIMEOUT)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                    self._process.communicate()
                    self._error = f"manage.py {command[0]} took over {COMMAND_TIMEOUT} s"
                    return
                if self._process.returncode != 0 and not self._stopping.is_set():
                    self._error = (
                        f"manage.py {command[0]} exited with {self._process.returncode}:\n"
                        + output[-2000:]
                    )
                    return
        finally:
            self.seconds = time.monotonic() - started

    def finish(self) -> str | None:
        """Wait until it is done: None when it succeeded, else what failed."""
        self._thread.join()
        return self._error

    def stop(self) -> None:
        self._stopping.set()
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
        self._thread.join(timeout=60)


@contextlib.contextmanager
def prepared(root: Path, portal_database_url: str) -> Iterator[Preparation]:
    """bakerydemo's migrations, demo data and static files, started now in the background on
    a database of its own of the same kind as the portal's (PostgreSQL or SQLite); the
    database is dropped on leaving."""
    is_postgres = portal_database_url.startswith(("postgres://", "postgresql://"))
    with tempfile.TemporaryDirectory(prefix="bakerydemo-") as tmp:
        workdir = Path(tmp)
        if is_postgres:
            database_url = create_postgres_database(portal_database_url, f"bakery_{os.getpid()}")
        else:
            database_url = f"sqlite:///{workdir / 'bakery.sqlite3'}"
        preparation = Preparation(root, _environment(database_url), workdir)
        preparation.start()
        try:
            yield preparation
        finally:
            preparation.stop()
            if is_postgres:
                drop_postgres_database(database_url)


def _log_tail(log: Path, lines: int = 30) -> str:
    text = log.read_text(errors="replace") if log.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


def _wait_until_up(base_url: str, process: subprocess.Popen, log: Path, timeout: float) -> None:
    """Until bakerydemo's home page answers 200. Its first render (templates, images'
    renditions) can take seconds on a loaded machine, hence the long wait per request."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"bakerydemo's gunicorn exited:\n{_log_tail(log)}")
        try:
            with urllib.request.urlopen(base_url + "/", timeout=30):  # noqa: S310 - 127.0.0.1
                return
        except urllib.error.HTTPError as error:  # it answers, but not with the page
            raise RuntimeError(
                f"bakerydemo answered {error.code} on /:\n{_log_tail(log)}"
            ) from error
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"bakerydemo did not answer within {timeout:.0f} s:\n{_log_tail(log)}")


@contextlib.contextmanager
def served(preparation: Preparation, workers: int, threads: int) -> Iterator[str]:
    """bakerydemo, prepared, under gunicorn (WORKERS × THREADS) on a free port: its base URL."""
    base_url = f"http://127.0.0.1:{free_port()}"
    log_path = preparation.workdir / "server.log"
    process = None
    try:
        with log_path.open("ab") as log:
            process = subprocess.Popen(
                [
                    str(preparation.root / ".venv/bin/gunicorn"),
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
                cwd=preparation.root,
                env=preparation.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        _wait_until_up(base_url, process, log_path, timeout=240)
        yield base_url
    finally:
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
