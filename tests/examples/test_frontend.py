"""The example front end (examples/frontend.py) builds the home page's open consultations
and a consultation page from the API alone, against a real server of the portal with its
seed and sample content (tests/live_site.py)."""

import json
import subprocess
import sys
import urllib.request
from html import escape

import pytest

from tests.live_site import ROOT, prepared_site

pytestmark = pytest.mark.browser  # a live server (minutes): run with -m browser -k frontend


@pytest.fixture(scope="module")
def live_api():
    with prepared_site("frontend") as site:
        yield site


def test_the_example_renders_open_consultations_and_one_page(live_api, tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "examples" / "frontend.py"), live_api.base_url, str(tmp_path)],
        check=True,
        timeout=120,
    )
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<h1>Otwarte konsultacje</h1>" in index
    pages = sorted(tmp_path.glob("konsultacja-*.html"))
    assert len(pages) == 1, "the sample content has an open consultation"
    page = pages[0].read_text(encoding="utf-8")
    page_id = pages[0].stem.split("-")[1]
    url = f"{live_api.base_url}/api/v2/pages/{page_id}/"
    with urllib.request.urlopen(url) as answer:  # noqa: S310 (the test's own server)
        data = json.load(answer)
    assert f"<h1>{escape(data['title'])}</h1>" in page
    assert f"Stan: {escape(data['state_label'])};" in page
    assert data["state"] == "open"
    assert 'aria-label="Menu główne"' in page and "<li><a href=" in page
    # Rich text came as HTML with resolved links, never Wagtail's database form.
    assert 'linktype="' not in page
