"""Two `migrate`s at once on PostgreSQL: the second waits for the first's lock."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

import pytest

from core.management.commands.migrate import LOCK_KEY

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]
ROOT = Path(__file__).resolve().parents[2]


def test_a_second_migrate_waits_until_the_first_releases_the_lock():
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    with connection.cursor() as cursor:  # this connection plays the first migrate
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
    try:
        second = subprocess.Popen(
            [sys.executable, "manage.py", "migrate", "--check", "--noinput"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while not waiting_for_the_lock() and time.monotonic() < deadline:
            assert second.poll() is None, second.stdout.read().decode()
            time.sleep(0.2)
        assert waiting_for_the_lock()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
    output, _ = second.communicate(timeout=120)
    assert second.returncode == 0, output.decode()  # then found nothing left to apply


def waiting_for_the_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
            "AND ((classid::bigint << 32) | objid::bigint) = %s)",
            [LOCK_KEY],
        )
        return cursor.fetchone()[0]
