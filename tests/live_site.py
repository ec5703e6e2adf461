"""A real server of the portal on a database of its own: for browser tests and benchmarks.

`prepared_site()` builds a database (PostgreSQL when DATABASE_URL names one, else an SQLite
file), runs migrate, load_seed and load_sample_content on it, and serves it with gunicorn on
127.0.0.1 and a free port. Everything runs in subprocesses, as in production.
"""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
# Bound on one manage.py command (migrate, load_sample_content...): generous enough for a
# loaded shared machine, where a whole migrate has taken over 300 s; raise it there.
MANAGE_TIMEOUT = int(os.environ.get("LIVE_SITE_MANAGE_TIMEOUT", "900"))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_admin_connect(url: str):
    import psycopg

    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    return psycopg.connect(admin_url, autocommit=True)


def _database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def create_postgres_database(base_url: str, suffix: str) -> str:
    """A fresh, empty database named after BASE_URL's with SUFFIX; returns its URL."""
    from psycopg import sql

    name = f"{_database_name(base_url) or 'portal'}_{suffix}"[:63]
    with _postgres_admin_connect(base_url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(urlsplit(base_url)._replace(path=f"/{name}"))


def drop_postgres_database(url: str) -> None:
    from psycopg import sql

    name = _database_name(url)
    with _postgres_admin_connect(url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@dataclass
class LiveSite:
    base_url: str
    env: dict
    workdir: Path
    process: subprocess.Popen | None = None
    log_path: Path | None = None
    extra: dict = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base_url + path

    def manage(self, *args: str, check: bool = True, input_text: str | None = None):
        """Run manage.py ARGS against this site's database; returns the CompletedProcess."""
        return subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            cwd=ROOT,
            env=self.env,
            check=check,
            capture_output=True,
            text=True,
            input=input_text,
            timeout=MANAGE_TIMEOUT,
        )

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def site_environment(database_url: str, workdir: Path, **overrides: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url,
            "VAR_DIR": str(workdir),
            "MEDIA_ROOT": str(workdir / "media"),
            "PAGE_CACHE_SECONDS": "60",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(overrides)
    return env


def prepare(site: LiveSite) -> None:
    site.manage("migrate", "--noinput")
    site.manage("load_seed")
    site.manage("load_sample_content")


def collect_static(site: LiveSite) -> None:
    """collectstatic into the site's own folder: production settings serve hashed names."""
    site.env["STATIC_ROOT"] = str(site.workdir / "static")
    site.manage("collectstatic", "--noinput", "--verbosity", "0")


def wait_until_up(site: LiveSite, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if site.process is not None and site.process.poll() is not None:
            raise RuntimeError(f"The server exited early:\n{site.log_tail()}")
        try:
            with urllib.request.urlopen(site.url("/robots.txt"), timeout=2) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"The server did not answer within {timeout} s:\n{site.log_tail()}")


def start_gunicorn(site: LiveSite, workers: int = 1, threads: int = 4) -> None:
    port = int(urlsplit(site.base_url).port)
    site.log_path = site.workdir / "server.log"
    log = site.log_path.open("ab")
    site.process = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "config.wsgi:application",
            "--pythonpath",
            f"{ROOT / 'site'},{ROOT}",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--timeout",
            "60",
            "--graceful-timeout",
            "5",
        ],
        cwd=ROOT,
        env=site.env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    wait_until_up(site)


def stop(site: LiveSite) -> None:
    if site.process is not None and site.process.poll() is None:
        site.process.terminate()
        try:
            site.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            site.process.kill()
            site.process.wait(timeout=5)


@contextlib.contextmanager
def prepared_site(
    name: str = "browser",
    workers: int = 1,
    threads: int = 4,
    port: int | None = None,
    env_overrides: dict | None = None,
    before_start=None,
) -> Iterator[LiveSite]:
    """Yield a LiveSite with seed and sample content, served by gunicorn; clean up after."""
    base_url = os.environ.get("DATABASE_URL", "")
    is_postgres = base_url.startswith(("postgres://", "postgresql://"))
    with tempfile.TemporaryDirectory(prefix=f"portal-{name}-") as tmp:
        workdir = Path(tmp)
        if is_postgres:
            database_url = create_postgres_database(base_url, f"{name}_{os.getpid()}")
        else:
            database_url = f"sqlite:///{workdir / 'site.sqlite3'}"
        env = site_environment(database_url, workdir, **(env_overrides or {}))
        site = LiveSite(
            base_url=f"http://127.0.0.1:{port or free_port()}", env=env, workdir=workdir
        )
        try:
            prepare(site)
            if before_start is not None:
                before_start(site)
            start_gunicorn(site, workers=workers, threads=threads)
            yield site
        finally:
            stop(site)
            if is_postgres:
                drop_postgres_database(database_url)
