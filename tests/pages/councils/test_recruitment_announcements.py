"""Recruitment and election announcements on their own: a page for each (with its dates,
and the portal's form only where the body recruits there), /api/v2/council-recruitments/
(public councils only, the state by the clock) and the search kind `council_recruitment`;
the councils' and osiedla's search facets; and a view restriction put on a section
taking the records shown under it (resolutions, announcements) out of the search."""

import datetime

from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from pages.councils.choices import BodyKind, RecruitmentKind
from tests.factories import councils

pytestmark = pytest.mark.django_db


@pytest.fixture
def election(council, index_now):
    council.body_kind = BodyKind.YOUTH
    now = timezone.now()
    with index_now():
        council.save_revision().publish()
        return councils.recruitment(
            council,
            kind=RecruitmentKind.ELECTION,
            title="Wybory zapowiedzianewybory do rady",
            opens_at=now + datetime.timedelta(days=2),
            closes_at=now + datetime.timedelta(days=9),
            takes_applications=False,
        )


def _search(client, query, **params):
    return client.get("/api/v2/search/", {"q": query, **params}).json()


def test_every_announcement_has_its_page_with_its_dates(client, council, election):
    url = election.get_url()
    assert url == f"{council.url}nabor/{election.pk}/"
    html = client.get(url).content.decode()
    assert "Wybory zapowiedzianewybory do rady" in html
    assert "nabór zapowiedziany" in html
    assert f'datetime="{timezone.localtime(election.opens_at):%Y-%m-%dT%H:%M}' in html
    # No form of the portal's for a body that does not recruit on it.
    assert 'name="form_token"' not in html and "Zgłoś się" not in html
    assert f'href="{url}"' in client.get(council.url).content.decode()
    # Another council's address does not show it.
    other = councils.council(council.get_parent(), "Rada Seniorów", slug="rada-seniorow")
    assert client.get(f"{other.url}nabor/{election.pk}/").status_code == 404


def test_api_lists_announcements_of_public_councils_with_the_state_by_the_clock(
    client, council, election
):
    payload = client.get("/api/v2/council-recruitments/?fields=*").json()
    [item] = payload["items"]
    assert item["state"] == "planned" and item["state_label"] == "nabór zapowiedziany"
    assert item["page_url"].endswith(election.get_url())
    assert item["apply_url"] is None and item["council"]["id"] == council.pk
    assert client.get("/api/v2/council-recruitments/?state=open").json()["items"] == []

    election.opens_at = timezone.now() - datetime.timedelta(minutes=1)
    election.apply_url = "https://example.org/wybory"
    election.save()
    [item] = client.get("/api/v2/council-recruitments/?state=open&fields=*").json()["items"]
    assert item["state"] == "open" and item["apply_url"] == "https://example.org/wybory"
    assert client.get("/api/v2/council-recruitments/?state=otwarte").status_code == 400
    assert client.get(f"/api/v2/council-recruitments/?council={council.pk}").json()["items"]
    assert client.get("/api/v2/council-recruitments/?council=x1").status_code == 400

    council.unpublish()
    assert client.get("/api/v2/council-recruitments/").json()["items"] == []
    assert client.get(f"/api/v2/council-recruitments/{election.pk}/").status_code == 404


def test_search_finds_announcements_and_facets_councils_and_osiedla(
    client, home_page, council, election, index_now
):
    found = _search(client, "zapowiedzianewybory")
    [result] = found["results"]
    assert result["type"] == "council_recruitment" and result["state"] == "planned"
    assert result["url"].endswith(election.get_url())

    with index_now():
        councils.osiedle_page(home_page, councils.osiedle("Reden"), council=council)
        councils.osiedle_page(home_page, councils.osiedle("Gołonóg"))
    facets = _search(client, "osiedle", type="osiedle")["facets"]["state"]
    assert {(f["value"], f["count"]) for f in facets} == {
        ("with_council", 1),
        ("without_council", 1),
    }
    [with_council] = _search(client, "osiedle", type="osiedle", state="with_council")["results"]
    assert "Reden" in with_council["title"]
    facets = _search(client, "rada", type="council")["facets"]["state"]
    assert {"value": BodyKind.YOUTH, "label": BodyKind.YOUTH.label} in [
        {"value": f["value"], "label": f["label"]} for f in facets
    ]


def test_a_restricted_section_takes_the_records_under_it_out_of_the_search(
    client, council, council_index, election, index_now
):
    with index_now():
        councils.resolution(council, "12/2026", title="Uchwała sekcjazastrzezona")
    assert _search(client, "12/2026")["results"]
    assert _search(client, "zapowiedzianewybory")["results"]

    # The restriction is on the index above the council: the council itself is not saved.
    with index_now():
        restriction = PageViewRestriction.objects.create(
            page=council_index, restriction_type="password", password="haslo"
        )
    for query in ("12/2026", "sekcjazastrzezona", "zapowiedzianewybory"):
        assert _search(client, query)["results"] == [], query

    with index_now():
        restriction.delete()
    assert _search(client, "12/2026")["results"]
    assert _search(client, "zapowiedzianewybory")["results"]


def test_the_osiedle_facet_follows_its_councils_page(
    client, home_page, council, council_index, index_now
):
    with index_now():
        council.save_revision().publish()
        councils.osiedle_page(home_page, councils.osiedle("Reden"), council=council)

    def state():
        [result] = _search(client, "osiedle", type="osiedle")["results"]
        return result["state"]

    assert state() == "with_council"
    # The osiedle's page is not saved: its entry follows the council's page.
    with index_now():
        council.unpublish()
    assert state() == "without_council"
    with index_now():
        council.save_revision().publish()
    assert state() == "with_council"
    with index_now():
        restriction = PageViewRestriction.objects.create(
            page=council_index, restriction_type="password", password="haslo"
        )
    assert state() == "without_council"
    with index_now():
        restriction.delete()
    assert state() == "with_council"
    with index_now():
        council.delete()
    assert state() == "without_council"


def test_announcements_are_in_the_sitemap_while_their_council_is_public(
    client, council, council_index, election
):
    resolution = councils.resolution(council, "XLII/567/2026", title="w sprawie zieleni")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"{council.url}nabor/{election.pk}/</loc>" in sitemap
    assert f"{resolution.get_url()}</loc>" in sitemap
    assert client.get(resolution.get_url()).status_code == 200
    PageViewRestriction.objects.create(
        page=council_index, restriction_type="password", password="haslo"
    )
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"nabor/{election.pk}/" not in sitemap
    assert f"uchwaly/{resolution.pk}/" not in sitemap
