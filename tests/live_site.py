"""A real server of the portal on a database of its own: for browser tests and benchmarks.

`prepared_site()` builds a database (PostgreSQL when DATABASE_URL names one, else an SQLite
file), runs migrate, load_seed and load_sample_content on it, and serves it with gunicorn on
127.0.0.1 and a free port. Everything runs in subprocesses, as in production.

Migrating and seeding take minutes (150-244 s each on a loaded 2-core CI machine), so a test
session that needs several sites builds the seeded database once, `seeded_template()`, and
gives each site a copy of it (`prepared_site(template=...)`): PostgreSQL's `CREATE DATABASE
... TEMPLATE`, or a copy of the SQLite file, plus the media files the seed wrote: a copy
and gunicorn start took 13-15 s under load. Every site still has a database of its own, so
one that changes data changes only its copy.
"""

import contextlib
import os
import secrets
import shutil
import socket
import sqlite3
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


def _is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def _database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def create_postgres_database(base_url: str, suffix: str, template_url: str = "") -> str:
    """A fresh database named after BASE_URL's with SUFFIX, empty or a copy of the one at
    TEMPLATE_URL (which must have no open connection); returns its URL."""
    from psycopg import sql

    name = f"{_database_name(base_url) or 'portal'}_{suffix}"[:63]
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template_url:
        template = sql.Identifier(_database_name(template_url))
        create = sql.SQL("{} TEMPLATE {}").format(create, template)
    with _postgres_admin_connect(base_url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(create)
    return urlunsplit(urlsplit(base_url)._replace(path=f"/{name}"))


def _close_to_connections(url: str) -> None:
    """Refuse new connections to the database at URL and end the open ones: PostgreSQL
    copies a template only while nobody else is connected to it."""
    from psycopg import sql

    name = _database_name(url)
    with _postgres_admin_connect(url) as conn:
        conn.execute(
            sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS false").format(sql.Identifier(name))
        )
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )


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


TEMPLATE_SQLITE_NAME = "site.sqlite3"


@dataclass
class SeededTemplate:
    """A migrated database with the seed and sample content, and the folder holding its
    media files: the original that `prepared_site(template=...)` copies."""

    database_url: str
    workdir: Path

    @property
    def is_postgres(self) -> bool:
        return _is_postgres(self.database_url)


@contextlib.contextmanager
def seeded_template(name: str = "template", after_prepare=None) -> Iterator[SeededTemplate]:
    """Build the seeded database once (prepare(), then AFTER_PREPARE(site) if given) and
    drop it at the end, also on failure. On PostgreSQL its name carries this process's id
    and a random part: two xdist workers, or two runs on one server, never share one."""
    base_url = os.environ.get("DATABASE_URL", "")
    is_postgres = _is_postgres(base_url)
    with tempfile.TemporaryDirectory(prefix=f"portal-{name}-") as tmp:
        workdir = Path(tmp)
        database_url = f"sqlite:///{workdir / TEMPLATE_SQLITE_NAME}"
        try:
            if is_postgres:
                suffix = f"tpl_{os.getpid()}_{secrets.token_hex(3)}"
                database_url = create_postgres_database(base_url, suffix)
            site = LiveSite(
                base_url="", env=site_environment(database_url, workdir), workdir=workdir
            )
            prepare(site)
            if after_prepare is not None:
                after_prepare(site)
            if is_postgres:
                _close_to_connections(database_url)
            yield SeededTemplate(database_url=database_url, workdir=workdir)
        finally:
            if _is_postgres(database_url):  # not if its creation failed
                drop_postgres_database(database_url)


def copy_template(template: SeededTemplate, base_url: str, suffix: str, workdir: Path) -> str:
    """A database of its own for a site, copied from TEMPLATE, and the files the seed
    wrote into the template's folder (its media: the test settings keep them in
    VAR_DIR/test-media) copied into WORKDIR; returns the copy's URL."""
    for entry in template.workdir.iterdir():
        if entry.name.startswith(TEMPLATE_SQLITE_NAME):
            continue  # the SQLite database (and its journal): copied below
        if entry.is_dir():
            shutil.copytree(entry, workdir / entry.name)
        else:
            shutil.copy2(entry, workdir / entry.name)
    if template.is_postgres:
        return create_postgres_database(base_url, suffix, template_url=template.database_url)
    # SQLite's backup API copies a consistent database whatever its journal holds.
    target = workdir / TEMPLATE_SQLITE_NAME
    with (
        contextlib.closing(sqlite3.connect(template.workdir / TEMPLATE_SQLITE_NAME)) as source,
        contextlib.closing(sqlite3.connect(target)) as copy,
    ):
        source.backup(copy)
    return f"sqlite:///{target}"


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
    template: SeededTemplate | None = None,
) -> Iterator[LiveSite]:
    """Yield a LiveSite with seed and sample content, served by gunicorn; clean up after.
    With TEMPLATE its database is a copy of the template's, else it is built here."""
    base_url = os.environ.get("DATABASE_URL", "")
    is_postgres = _is_postgres(base_url)
    with tempfile.TemporaryDirectory(prefix=f"portal-{name}-") as tmp:
        workdir = Path(tmp)
        database_url = f"sqlite:///{workdir / 'site.sqlite3'}"
        site = None
        try:
            suffix = f"{name}_{os.getpid()}"
            if template is not None:
                database_url = copy_template(template, base_url, suffix, workdir)
            elif is_postgres:
                database_url = create_postgres_database(base_url, suffix)
            env = site_environment(database_url, workdir, **(env_overrides or {}))
            site = LiveSite(
                base_url=f"http://127.0.0.1:{port or free_port()}", env=env, workdir=workdir
            )
            if template is None:
                prepare(site)
            if before_start is not None:
                before_start(site)
            start_gunicorn(site, workers=workers, threads=threads)
            yield site
        finally:
            if site is not None:
                stop(site)
            if _is_postgres(database_url):  # not if its creation failed
                drop_postgres_database(database_url)
