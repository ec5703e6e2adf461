"""Backup and restore of a deployment: the PostgreSQL database and the uploaded files.

A backup is a directory of three files:

- `database.dump`: pg_dump's custom format (compressed; pg_restore can restore it whole or
  in part, and checks it as it reads);
- `media.tar.gz`: everything under MEDIA_ROOT (documents, images, renditions);
- `manifest.json`: when it was made and the SHA-256 of both, checked before a restore.

The database is dumped first (one consistent snapshot), the files right after: a file
uploaded in between is kept as an unused file; a document deleted in between would be
missing its file (editors rarely delete, and never during the nightly run).

A backup holds residents' personal data (submissions): the directory and its files are
readable by their owner only; docs/operations.md says how long to keep them.
The programs `pg_dump` and `pg_restore` of the server's major version or newer must be on
the PATH. Connection details go to them through libpq's environment (never the command
line, where `ps` would show the password).
"""

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
MANIFEST_FILE = "manifest.json"
FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, in Polish."""


def _database(alias: str = "default") -> dict:
    database = settings.DATABASES[alias]
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError(
            "Kopia zapasowa poleceniem backup_site obsługuje tylko PostgreSQL (DATABASE_URL). "
            "Bazę SQLite wystarczy skopiować jako plik przy zatrzymanym serwerze."
        )
    return database


def _libpq_environment(database: dict) -> dict:
    env = dict(os.environ)
    values = {
        "PGHOST": database.get("HOST"),
        "PGPORT": database.get("PORT"),
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGDATABASE": database.get("NAME"),
        "PGSSLMODE": (database.get("OPTIONS") or {}).get("sslmode"),
    }
    env.update({key: str(value) for key, value in values.items() if value})
    return env


def _run(command: list[str], env: dict) -> None:
    program = shutil.which(command[0])
    if program is None:
        raise BackupError(f"Brak programu {command[0]} (pakiet postgresql-client).")
    result = subprocess.run(  # noqa: S603 - fixed programs, arguments are no shell string
        [program, *command[1:]], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} zakończył się błędem:\n{result.stderr.strip()}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def default_destination(now: datetime | None = None) -> Path:
    stamp = timezone.localtime(now or timezone.now()).strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"backup-{stamp}"


def create_backup(destination: Path) -> Path:
    """Dump the database and archive MEDIA_ROOT into DESTINATION (a new directory)."""
    database = _database()
    destination = Path(destination)
    if destination.exists():
        raise BackupError(f"Katalog {destination} już istnieje; podaj nowy.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.mkdir(mode=0o700)
    dump = destination / DATABASE_FILE
    _run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}"],
        _libpq_environment(database),
    )
    media = destination / MEDIA_FILE
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(media, "w:gz") as archive:
        if media_root.is_dir():
            archive.add(media_root, arcname=".")
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "sha256": {DATABASE_FILE: _sha256(dump), MEDIA_FILE: _sha256(media)},
    }
    (destination / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n")
    for path in (dump, media, destination / MANIFEST_FILE):
        path.chmod(0o600)
    return destination


def _check_manifest(source: Path) -> dict:
    try:
        manifest = json.loads((source / MANIFEST_FILE).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"Brak czytelnego {MANIFEST_FILE} w {source}.") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Nieznany format kopii: {manifest.get('format')!r}.")
    for name, expected in manifest["sha256"].items():
        path = source / name
        if not path.is_file() or _sha256(path) != expected:
            raise BackupError(f"Plik {name} kopii jest uszkodzony albo go brakuje.")
    return manifest


def restore_backup(source: Path) -> dict:
    """Restore the backup in SOURCE into the configured database, which must be empty,
    and MEDIA_ROOT, which must be empty or absent. All or nothing for the database
    (one transaction); the files are extracted only once the database is restored."""
    database = _database()
    source = Path(source)
    manifest = _check_manifest(source)
    with connections["default"].cursor() as cursor:
        tables = connections["default"].introspection.table_names(cursor)
    if tables:
        raise BackupError(
            f"Baza {database['NAME']} nie jest pusta ({len(tables)} tabel): kopię odtwarza się "
            "do nowej, pustej bazy (createdb), nigdy na działającą."
        )
    connections["default"].close()
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(f"Katalog plików {media_root} nie jest pusty.")
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={database['NAME']}",
            str(source / DATABASE_FILE),
        ],
        _libpq_environment(database),
    )
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / MEDIA_FILE, "r:gz") as archive:
        files = sum(1 for member in archive.getmembers() if member.isfile())
        archive.extractall(media_root, filter="data")  # no path may leave MEDIA_ROOT
    return {"created_at": manifest["created_at"], "files": files}
