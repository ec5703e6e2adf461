"""/organizacje/: page rules, the list and its filters, each organisation's page."""

import json
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from pages.department.models import HomePage, StandardPage
from pages.registry.models import NGODirectoryPage
from tests.factories.pages import DistrictFactory
from tests.factories.registry import GrantAwardFactory, GrantCallFactory, NGOFactory, area

pytestmark = pytest.mark.django_db


def names_on(response) -> set[str]:
    return set(re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', response.text))


def test_lives_only_under_the_home_page_once(directory, home_page):
    assert NGODirectoryPage.can_create_at(home_page) is False  # max_count reached
    assert NGODirectoryPage.parent_page_types == ["pages.HomePage"]
    assert NGODirectoryPage.subpage_types == []
    assert "registry.NGODirectoryPage" in HomePage.subpage_types
    assert NGODirectoryPage not in StandardPage.allowed_subpage_models()


def test_lists_published_organisations_only(client, directory):
    NGOFactory(name="Fundacja Widoczna")
    NGOFactory(name="Fundacja Szkic", live=False)
    response = client.get("/organizacje/")
    assert response.status_code == 200
    assert names_on(response) == {"Fundacja Widoczna"}
    assert '<link rel="alternate" type="text/csv" href="/organizacje/dane.csv"' in response.text


def test_filters_narrow_the_list(client, directory):
    gologon = DistrictFactory(name="Gołonóg", slug="golonog")
    NGOFactory(name="Fundacja Sportowa", legal_form="fundacja", areas=[area("17")])
    NGOFactory(name="Stowarzyszenie OPP", is_public_benefit=True, district=gologon)
    NGOFactory(name="Stowarzyszenie Kultury", areas=[area("16"), area("17")])
    assert names_on(client.get("/organizacje/?forma=fundacja")) == {"Fundacja Sportowa"}
    assert names_on(client.get("/organizacje/?obszar=17")) == {
        "Fundacja Sportowa",
        "Stowarzyszenie Kultury",
    }
    assert names_on(client.get("/organizacje/?obszar=17&forma=stowarzyszenie")) == {
        "Stowarzyszenie Kultury"
    }
    assert names_on(client.get("/organizacje/?opp=tak")) == {"Stowarzyszenie OPP"}
    assert len(names_on(client.get("/organizacje/?opp=nie"))) == 2
    assert names_on(client.get("/organizacje/?dzielnica=golonog")) == {"Stowarzyszenie OPP"}


def test_search_by_name_without_polish_letters_and_by_number(client, directory):
    target = NGOFactory(name="Stowarzyszenie Żółty Łabędź")
    NGOFactory(name="Fundacja Inna")
    assert names_on(client.get("/organizacje/?q=zolty labedz")) == {target.name}
    assert names_on(client.get("/organizacje/?q=ŻÓŁTY")) == {target.name}
    assert names_on(client.get(f"/organizacje/?q={target.nip}")) == {target.name}
    response = client.get("/organizacje/?q=nie-ma-takiej")
    assert "Nie znaleziono organizacji" in response.text


def test_the_box_uses_the_site_search_analysis(client, directory):
    from search.indexing import update_all

    target = NGOFactory(name="Stowarzyszenie Przyjaciół Ząbkowic")
    NGOFactory(name="Fundacja Inna")
    update_all(["ngo"])  # the index follows commits; here the test's transaction
    assert names_on(client.get("/organizacje/?q=Ząbkowice")) == {target.name}
    assert names_on(client.get("/organizacje/?q=przyjaciele zabkowic")) == {target.name}
    assert names_on(client.get("/organizacje/?q=przyjaciel")) == {target.name}


def test_the_chosen_filter_is_marked_and_kept_by_other_links(client, directory):
    NGOFactory(legal_form="fundacja", areas=[area("16")])
    response = client.get("/organizacje/?forma=fundacja")
    assert (
        '<a href="/organizacje/?forma=fundacja" aria-current="true"><span aria-hidden="true">✓ '
        '</span><span class="visually-hidden">wybrano: </span>fundacja</a>'
    ) in response.text
    assert 'href="/organizacje/?obszar=16&amp;forma=fundacja"' in response.text
    assert '<input type="hidden" name="forma" value="fundacja">' in response.text


@pytest.mark.parametrize(
    "query",
    [
        "strona=abc",
        "strona=0",
        "strona=-1",
        "strona=99999999999999999999",
        "obszar=nie-ma",
        "forma=%00",
        "opp=moze",
        "dzielnica=",
        "q=%00%01abc",
        "q=" + "x" * 5000,
        "obszar=1&obszar=2",
        "q=%27%22%3C%3E",
    ],
)
def test_bad_parameters_never_fail(client, directory, query):
    NGOFactory(name="Fundacja Jedyna")
    response = client.get(f"/organizacje/?{query}")
    assert response.status_code == 200


def test_pagination(client, directory):
    for number in range(25):
        NGOFactory(name=f"Organizacja {number:02d}")
    first = client.get("/organizacje/")
    second = client.get("/organizacje/?strona=2")
    beyond = client.get("/organizacje/?strona=7")
    assert len(names_on(first)) == 20
    assert len(names_on(second)) == 5
    assert names_on(beyond) == names_on(second)
    assert 'href="/organizacje/?strona=2" rel="next"' in first.text
    assert (
        'href="/organizacje/?q=Organizacja&amp;strona=2"'
        in client.get("/organizacje/?q=Organizacja").text
    )  # the search is kept across pages
    assert "Znaleziono 25 organizacji (strona 1 z 2)" in first.text


def test_list_query_count_does_not_grow_with_the_data(client, directory):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/organizacje/").status_code == 200
        return len(queries)

    for number in range(3):
        NGOFactory(name=f"A{number}", areas=[area("1"), area("16")])
    count_queries()  # warm the caches of the site and the page tree
    few = count_queries()
    for number in range(15):
        NGOFactory(name=f"B{number}", areas=[area("2"), area("17")], district=DistrictFactory())
    assert count_queries() == few


def test_organisation_page_shows_its_data_awards_and_json_ld(client, directory, calls_page):
    ngo = NGOFactory(
        name="Fundacja Pełna",
        short_name="FP",
        krs="0000123456",
        nip="5252248481",
        regon="123456785",
        website="https://fundacja.example",
        areas=[area("15")],
    )
    published = GrantCallFactory(title="Konkurs jawny", slug="konkurs-jawny")
    GrantAwardFactory(call=published, ngo=ngo, task_title="Kolonie", amount="1500.50")
    draft = GrantCallFactory(title="Konkurs w szkicu", live=False)
    GrantAwardFactory(call=draft, ngo=ngo, task_title="Ukryte", amount="999")
    response = client.get(f"/organizacje/{ngo.slug}/")
    assert response.status_code == 200
    text = response.text
    for fragment in ("Fundacja Pełna", "0000123456", "5252248481", "123456785", "Kolonie"):
        assert fragment in text
    assert "1\xa0500,50 zł" in text  # a non-breaking space groups thousands
    assert 'href="/konkursy/konkurs-jawny/"' in text
    assert "Ukryte" not in text
    assert "Konkurs w szkicu" not in text
    payload = re.search(r'<script type="application/ld\+json">(.+?)</script>', text).group(1)
    data = json.loads(payload)
    assert data["@type"] == "NGO"
    assert data["taxID"] == "5252248481"
    assert {"@type": "PropertyValue", "propertyID": "KRS", "value": "0000123456"} in data[
        "identifier"
    ]
    assert data["url"].endswith(f"/organizacje/{ngo.slug}/")


def test_draft_or_unknown_organisation_is_not_found(client, directory):
    draft = NGOFactory(live=False)
    assert client.get(f"/organizacje/{draft.slug}/").status_code == 404
    assert client.get("/organizacje/nie-ma-takiej/").status_code == 404


def test_directory_in_the_pages_api(client, directory):
    response = client.get("/api/v2/pages/?type=registry.NGODirectoryPage&fields=*")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Organizacje pozarządowe"]
    assert "summary" in items[0]


def test_sitemap_lists_published_organisations_calls_and_offers(client, directory, calls_page):
    from tests.factories.registry import SmallGrantOfferFactory

    shown = NGOFactory(name="Jawna")
    hidden = NGOFactory(name="Szkic", live=False)
    call = GrantCallFactory(slug="jawny")
    GrantCallFactory(slug="w-szkicu", live=False)
    offer = SmallGrantOfferFactory()
    text = client.get("/sitemap.xml").content.decode()
    assert f"/organizacje/{shown.slug}/</loc>" in text
    assert f"/organizacje/{hidden.slug}/" not in text
    assert f"/konkursy/{call.slug}/</loc>" in text
    assert "/konkursy/w-szkicu/" not in text
    assert f"/konkursy/oferty/{offer.pk}/</loc>" in text
