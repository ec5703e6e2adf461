"""Backup and restore (core.backup): content made here is found again in a FRESH database
and media directory, restored by `manage.py restore_site` in another process."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.core.management import CommandError, call_command
from django.db import connection

import pytest

from core.backup import DATABASE_FILE, MANIFEST_FILE, MEDIA_FILE
from tests.factories.consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    ConsultationResponseFactory,
    pdf_document,
)
from tests.factories.pages import StandardPageFactory
from tests.factories.registry import NGOFactory
from tests.live_site import create_postgres_database, drop_postgres_database

ROOT = Path(__file__).resolve().parents[2]

# Everything a restore must bring back, read the same way from either database.
INVENTORY_SCRIPT = """
import hashlib
import json


def inventory():
    # Imports inside: `manage.py shell -c` runs this with separate globals and locals.
    from wagtail.documents import get_document_model
    from wagtail.models import Page

    from pages.consultations.models import ConsultationResponse
    from snippets.models import NGO

    def digest(document):
        with document.file.open("rb") as stream:
            return hashlib.sha256(stream.read()).hexdigest()

    return {
        "pages": sorted([p.pk, p.title, p.url_path, p.live] for p in Page.objects.all()),
        "ngos": sorted([n.pk, n.name, n.krs] for n in NGO.objects.all()),
        "submissions": sorted(
            [r.receipt_number, r.comment, r.email] for r in ConsultationResponse.objects.all()
        ),
        "documents": sorted(
            [d.title, d.file.name, digest(d)] for d in get_document_model().objects.all()
        ),
    }
"""


def inventory() -> dict:
    namespace: dict = {}
    exec(INVENTORY_SCRIPT, namespace)  # noqa: S102 - the test's own code, shared with the script
    return json.loads(json.dumps(namespace["inventory"]()))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restored_into_a_fresh_database_has_everything(settings, tmp_path, home_page):
    settings.MEDIA_ROOT = tmp_path / "media"
    page = StandardPageFactory(parent=home_page, title="Strona z kopii zapasowej")
    NGOFactory(name="Stowarzyszenie Kopia Zapasowa")
    index = ConsultationIndexPageFactory(parent=home_page)
    consultation = ConsultationPageFactory(parent=index, title="Konsultacja z kopii")
    ConsultationResponseFactory(
        consultation=consultation, comment="Uwaga, która przetrwa awarię.", email="a@b.pl"
    )
    document = pdf_document(title="Sprawozdanie z kopii")
    original_bytes = Path(document.file.path).read_bytes()
    before = inventory()
    assert "Strona z kopii zapasowej" in json.dumps(before, ensure_ascii=False)
    assert before["ngos"] and before["submissions"] and before["documents"]

    backup = tmp_path / "kopia"
    call_command("backup_site", output=backup)
    assert {path.name for path in backup.iterdir()} == {DATABASE_FILE, MEDIA_FILE, MANIFEST_FILE}
    assert (backup / DATABASE_FILE).stat().st_mode & 0o077 == 0  # holds personal data

    fresh_url = create_postgres_database(os.environ["DATABASE_URL"], f"restore_{os.getpid()}")
    fresh_var = tmp_path / "odtworzone"
    fresh_media = fresh_var / "test-media"  # the test settings' MEDIA_ROOT under VAR_DIR
    env = {
        # Without the worker's name the restored site's MEDIA_ROOT is VAR_DIR/test-media.
        **{key: value for key, value in os.environ.items() if key != "PYTEST_XDIST_WORKER"},
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": fresh_url,
        "VAR_DIR": str(fresh_var),
    }

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=300,
            check=False,
        )

    try:
        restored = manage("restore_site", str(backup))
        assert restored.returncode == 0, restored.stderr
        assert "Odtworzono kopię" in restored.stdout
        script = (
            INVENTORY_SCRIPT
            + "from django.test import Client\n"
            + f"response = Client().get({page.url!r})\n"
            + "print(json.dumps({'inventory': inventory(), 'status': response.status_code,"
            " 'html': response.content.decode()}))\n"
        )
        read = manage("shell", "--no-imports", "-c", script)
        assert read.returncode == 0, read.stderr
        after = json.loads(read.stdout.strip().splitlines()[-1])
        assert after["inventory"] == before
        assert after["status"] == 200 and "Strona z kopii zapasowej" in after["html"]
        restored_file = fresh_media / document.file.name
        assert restored_file.read_bytes() == original_bytes

        # A second restore onto the now filled database is refused, and changes nothing.
        again = manage("restore_site", str(backup))
        assert again.returncode != 0 and "nie jest pusta" in again.stderr
    finally:
        drop_postgres_database(fresh_url)


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_damaged_backup_is_refused_before_anything_is_restored(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    backup = tmp_path / "kopia"
    call_command("backup_site", output=backup)
    with (backup / MEDIA_FILE).open("ab") as archive:
        archive.write(b"damage")
    with pytest.raises(CommandError, match="uszkodzony"):
        call_command("restore_site", str(backup))


@pytest.mark.django_db
def test_on_sqlite_the_command_says_what_to_do_instead(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite message: run on SQLite")
    with pytest.raises(CommandError, match="tylko PostgreSQL"):
        call_command("backup_site", output=tmp_path / "kopia")
    assert not (tmp_path / "kopia").exists()
