"""The example front end (examples/frontend.py), run as a separate program against a real
server of the portal (pytest-django's live server on the test database): from the API
alone it builds the home page's open consultations and a consultation page, with its body
rendered and its links resolved, and nothing that is not public.

The same program against the sample content runs in the browser suite
(tests/browser/test_example_frontend.py); this one needs no browser and runs by default."""

import json
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from tests.factories.consultations import ConsultationIndexPageFactory, ConsultationPageFactory

ROOT = Path(__file__).resolve().parents[2]

# A live server reads what the test wrote: committed, not inside the test's transaction.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _body(link_to):
    return json.dumps(
        [
            {"type": "heading", "value": {"text": "Co zmieniamy", "level": "h2"}},
            {
                "type": "paragraph",
                "value": f'<p>Zobacz <a linktype="page" id="{link_to.pk}">listę</a>.</p>',
            },
        ]
    )


def test_the_example_builds_the_open_consultations_and_a_page_from_the_api(
    home_page, live_server, tmp_path
):
    now = timezone.now()
    index = ConsultationIndexPageFactory(parent=home_page, show_in_menus=True)
    open_one = ConsultationPageFactory(parent=index, title="Park Hallera", body=_body(index))
    ConsultationPageFactory(
        parent=index,
        title="Zamknięta dawno",
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=20),
    )
    private = ConsultationPageFactory(parent=index, title="Tylko w intranecie")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = ConsultationPageFactory(parent=index, title="Wersja robocza")
    draft.unpublish()

    subprocess.run(
        [sys.executable, str(ROOT / "examples" / "frontend.py"), live_server.url, str(tmp_path)],
        check=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin"},  # no settings, no database: the API only
    )

    home = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<h1>Otwarte konsultacje</h1>" in home
    assert f'<a href="konsultacja-{open_one.pk}.html">Park Hallera</a>' in home
    for hidden in ("Zamknięta dawno", "Tylko w intranecie", "Wersja robocza"):
        assert hidden not in home
    assert 'aria-label="Menu główne"' in home and f">{index.title}</a>" in home

    page = (tmp_path / f"konsultacja-{open_one.pk}.html").read_text(encoding="utf-8")
    assert "<h1>Park Hallera</h1>" in page
    assert "Stan: " in page and "<h2>Co zmieniamy</h2>" in page
    assert 'aria-label="Ścieżka nawigacji"' in page and index.title in page
    # The body's internal link came resolved to the page's public address, absolute.
    assert 'linktype="' not in page
    assert re.search(rf'<a href="https?://[^"/]+/{index.slug}/">listę</a>', page), page
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "index.html",
        f"konsultacja-{open_one.pk}.html",
    ]
