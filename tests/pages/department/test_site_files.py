"""sitemap.xml and robots.txt."""

from xml.etree import ElementTree

from django.core.management import call_command

import pytest

from pages.department.models import TeamPage

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_lists_live_public_pages_only(client):
    call_command("load_seed", verbosity=0)
    draft = TeamPage.objects.first()
    draft.unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = [
        element.text for element in ElementTree.fromstring(response.content).findall(".//s:loc", NS)
    ]
    assert any(location.endswith("/wydzial/") for location in locations)
    assert any(location.endswith("/kontakt/") for location in locations)
    assert not any(location.endswith(draft.url) for location in locations)


def test_robots_points_to_the_sitemap(client, home_page):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body
