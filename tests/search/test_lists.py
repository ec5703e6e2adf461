"""Every list's text box and API `?search=` reads the words as the site search does
(search.lists): another case of the word and a word with one letter wrong find the
record; what the list does not show is not found through it."""

import pytest

from pages.budget.listing import PROJECT_KIND
from pages.councils.listing import RESOLUTION_KIND
from pages.initiatives.listing import APPLICATION_KIND
from search.indexing import update_all
from search.lists import filter_by_search, matching_object_ids
from tests.factories import budget, councils, initiatives
from tests.factories.registry import NGODirectoryPageFactory, NGOFactory

pytestmark = pytest.mark.django_db

# The record says "Ząbkowic" (genitive); residents type the nominative, or mistype it.
FORMS = ("Ząbkowice", "Ząbkwoice", "zabkowicach")


def titles(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def api_titles(client, path, query, field="title") -> set[str]:
    response = client.get(path, {"search": query, "fields": field})
    assert response.status_code == 200, response.content
    return {item[field] for item in response.json()["items"]}


def test_the_ngo_directory_and_its_api(client, home_page):
    directory = NGODirectoryPageFactory(parent=home_page)
    target = NGOFactory(name="Stowarzyszenie Przyjaciół Ząbkowic")
    NGOFactory(name="Fundacja Inna")
    update_all(["ngo"])
    for query in FORMS:
        html = titles(client.get(directory.url, {"q": query}))
        assert target.name in html and "Fundacja Inna" not in html, query
        assert api_titles(client, "/api/v2/ngos/", query, "name") == {target.name}, query


def test_the_budget_projects_list_and_api(client, home_page):
    edition = budget.edition_page(budget.index_page(home_page))
    pool = budget.city_pool(edition)
    project = budget.project(edition, pool, title="Skwer dla Ząbkowic")
    budget.project(edition, pool, title="Ławki w parku")
    budget.project(edition, pool, title="Ukryty skwer Ząbkowic", hidden=True)
    update_all([PROJECT_KIND])
    url = edition.get_parent().url + "projekty/"
    for query in FORMS:
        html = titles(client.get(url, {"q": query}))
        assert project.title in html and "Ławki w parku" not in html, query
        assert "Ukryty" not in html
        assert api_titles(client, "/api/v2/budget-projects/", query) == {project.title}, query
    # The text as typed still finds a title's beginning ("Skw").
    assert api_titles(client, "/api/v2/budget-projects/", "Skw") == {project.title}


def test_the_local_initiatives_register_and_api(client, home_page):
    rules = initiatives.rules_page(initiatives.index_page(home_page))
    initiative = initiatives.initiative(rules, title="Zielone podwórko w Ząbkowicach")
    initiatives.initiative(rules, title="Mural na Granicznej")
    update_all([APPLICATION_KIND])
    for query in FORMS:
        html = titles(client.get(rules.get_parent().url + "wnioski/", {"q": query}))
        assert initiative.title in html and "Mural na Granicznej" not in html, query
        found = api_titles(client, "/api/v2/local-initiatives/", query)
        assert found == {initiative.title}, query


def test_a_councils_resolutions_register_and_api(client, home_page):
    council = councils.council(councils.council_index(home_page))
    resolution = councils.resolution(
        council, "XLII/567/2026", title="w sprawie zieleni w Ząbkowicach"
    )
    councils.resolution(council, "XLII/568/2026", title="w sprawie budżetu")
    update_all([RESOLUTION_KIND])
    url = f"{council.url}uchwaly/"
    for query in (*FORMS, "567/26"):
        html = titles(client.get(url, {"q": query}))
        assert "XLII/567/2026" in html and "XLII/568/2026" not in html, query
        found = api_titles(client, "/api/v2/council-resolutions/", query, "number")
        assert found == {resolution.number}, query


def test_a_list_finds_only_public_entries_of_its_kind(home_page):
    NGODirectoryPageFactory(parent=home_page)  # an organisation is public in it
    NGOFactory(name="Stowarzyszenie Przyjaciół Ząbkowic")
    update_all(["ngo"])
    assert len(matching_object_ids("Ząbkowice", "ngo")) == 1
    assert matching_object_ids("Ząbkowice", PROJECT_KIND) == []
    assert matching_object_ids("   ", "ngo") == []


def test_an_empty_box_leaves_the_list_alone(home_page):
    from snippets.models import NGO

    NGOFactory(name="Fundacja Inna")
    everything = NGO.objects.all()
    assert filter_by_search(everything, " \x00 ", "ngo") is everything


def test_the_pages_api_searches_as_the_portal_does(client, home_page):
    from tests.factories.pages import StandardPageFactory

    near = StandardPageFactory(parent=home_page, title="Spacer po Ząbkowicach")
    StandardPageFactory(parent=home_page, title="Ławki w parku", summary="Blisko Ząbkowic")
    draft = StandardPageFactory(parent=home_page, title="Szkic o Ząbkowicach", live=False)
    update_all(["page"])
    for query in FORMS:
        response = client.get("/api/v2/pages/", {"search": query})
        assert response.status_code == 200, response.content
        titles_found = [item["title"] for item in response.json()["items"]]
        # Best first: the word in the title outranks it in the summary.
        assert titles_found == [near.title, "Ławki w parku"], query
        assert draft.title not in titles_found
    either = client.get("/api/v2/pages/", {"search": "spacer ławki", "search_operator": "or"})
    assert len(either.json()["items"]) == 2
    both = client.get("/api/v2/pages/", {"search": "spacer ławki"})
    assert both.json()["items"] == []
    ordered = client.get("/api/v2/pages/", {"search": "Ząbkowice", "order": "-id"}).json()
    # `order` given: the client's order, not relevance.
    assert [item["title"] for item in ordered["items"]] == ["Ławki w parku", near.title]
    # An empty box filters nothing, as in every list.
    every = client.get("/api/v2/pages/", {"search": " "}).json()["meta"]["total_count"]
    assert every == client.get("/api/v2/pages/").json()["meta"]["total_count"] >= 3


def test_the_pages_searched_are_not_crowded_out_by_other_kinds(home_page):
    """A list reads at most LIMIT matches: the pages API asks for pages' kinds only, so
    records ranked above every page (a name in the title against a word in a page's
    body) do not take all of them."""
    from wagtail.models import Page

    from search.sources.pages import page_kinds
    from tests.factories.pages import StandardPageFactory

    NGODirectoryPageFactory(parent=home_page)
    for n in range(3):
        NGOFactory(name=f"Ząbkowice {n}")
    page = StandardPageFactory(parent=home_page, title="Informacja", summary="O Ząbkowicach")
    update_all(["ngo", "page"])
    # The premise: without the kinds, the one match read is an organisation's.
    assert matching_object_ids("Ząbkowice", model=Page, limit=1) == []
    found = matching_object_ids("Ząbkowice", model=Page, kinds=page_kinds(), limit=1)
    assert found == [str(page.pk)]
    assert "page" in page_kinds() and "ngo" not in page_kinds()


def test_the_pages_api_reads_pages_kinds_only(client, home_page, monkeypatch):
    """The API itself asks for pages' kinds, every one of them (a consultation's page is
    a "consultation", not a "page"): with one match read, the page is that match."""
    from search.sources.pages import page_kinds
    from tests.factories.consultations import (
        ConsultationIndexPageFactory,
        ConsultationPageFactory,
    )

    NGODirectoryPageFactory(parent=home_page)
    for n in range(3):
        NGOFactory(name=f"Ząbkowice {n}")
    index = ConsultationIndexPageFactory(parent=home_page)
    page = ConsultationPageFactory(parent=index, title="Zieleń", summary="O Ząbkowicach")
    update_all(["ngo", "page"])
    assert {"page", "consultation", "council", "osiedle", "event"} <= set(page_kinds())
    monkeypatch.setitem(matching_object_ids.__kwdefaults__, "limit", 1)
    assert api_titles(client, "/api/v2/pages/", "Ząbkowice") == {page.title}


# What FTS5 MATCH or to_tsquery would read as syntax if it reached them unescaped.
ODD_INPUT = ['"', 'a"b', "'", "title:x", "ngo:", "*", "Ząb*", "-", "- -", "-Ząbkowice"]
ODD_INPUT += ["NOT", "AND OR", "NEAR(a b)", "(", "<->", "a:*", "!", "&|", "\\", "x" * 300]


def test_odd_input_is_never_a_server_error(client, home_page):
    directory = NGODirectoryPageFactory(parent=home_page)
    NGOFactory(name="Stowarzyszenie Przyjaciół Ząbkowic")
    council = councils.council(councils.council_index(home_page))
    councils.resolution(council, "XLII/567/2026", title="w sprawie zieleni w Ząbkowicach")
    update_all(["ngo", RESOLUTION_KIND, "page"])
    lists = [(directory.url, "q"), (f"{council.url}uchwaly/", "q")]
    lists += [(f"/api/v2/{name}/", "search") for name in ("ngos", "pages", "council-resolutions")]
    failures = [
        (url, query, response.status_code)
        for query in ODD_INPUT
        for url, parameter in lists
        for response in [client.get(url, {parameter: query})]
        if response.status_code != 200
    ]
    either = client.get("/api/v2/pages/", {"search": '"-" *', "search_operator": "or"})
    assert failures == [] and either.status_code == 200, failures
