"""The example front end (examples/frontend.py) builds the home page's open consultations
and a consultation page from the API alone, against a real server of the portal with its
seed and sample content (tests/live_site.py)."""

import json
import subprocess
import sys
import urllib.request
from html import escape

import pytest

from tests.live_site import ROOT

# The browser suite's live server (seed and sample content), shared with the other tests.
pytestmark = pytest.mark.browser


@pytest.fixture
def live_api(live_site):
    return live_site


def test_the_example_renders_open_consultations_and_one_page(live_api, tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "examples" / "frontend.py"), live_api.base_url, str(tmp_path)],
        check=True,
        timeout=120,
    )
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<h1>Otwarte konsultacje</h1>" in index
    # The sample content has an open consultation; other tests on this shared server may
    # have published more: each page written is checked against the API.
    pages = sorted(tmp_path.glob("konsultacja-*.html"))
    assert pages, "the sample content has an open consultation"
    for written in pages:
        _check_page(live_api, written)


def _check_page(live_api, written):
    page = written.read_text(encoding="utf-8")
    page_id = written.stem.split("-")[1]
    url = f"{live_api.base_url}/api/v2/pages/{page_id}/"
    with urllib.request.urlopen(url) as answer:  # noqa: S310 (the test's own server)
        data = json.load(answer)
    assert f"<h1>{escape(data['title'])}</h1>" in page
    assert f"Stan: {escape(data['state_label'])};" in page
    assert data["state"] == "open"
    assert 'aria-label="Menu główne"' in page and "<li><a href=" in page
    # Rich text came as HTML with resolved links, never Wagtail's database form.
    assert 'linktype="' not in page
