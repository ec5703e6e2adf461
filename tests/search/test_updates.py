"""The index follows the content: publish, unpublish, move, rename, delete; snippets and
documents; and nothing that fails in the index breaks the action."""

from django.test import override_settings

from wagtail.models import Page

import pytest

from search.models import SearchEntry
from tests.factories.pages import PersonFactory, TeamPageFactory
from tests.search.conftest import add_page

pytestmark = pytest.mark.django_db


def found(client, query):
    return [r["title"] for r in client.get("/api/v2/search/", {"q": query}).json()["results"]]


def test_publishing_indexes_and_unpublishing_removes(client, home_page, index_now):
    with index_now():
        page = add_page(home_page, "Nabór wniosków o małe granty", "Wnioski do 15 maja.")
    assert found(client, "nabor wnioskow") == ["Nabór wniosków o małe granty"]
    page.title = "Nabór wniosków o małe granty – przedłużony"
    with index_now():
        page.save_revision().publish()
    assert found(client, "przedłużony") == [page.title]
    with index_now():
        page.unpublish()
    assert found(client, "nabór") == []
    assert not SearchEntry.objects.filter(object_id=str(page.pk)).exists()


def test_deleting_a_page_and_its_subpages_removes_them(client, home_page, index_now):
    with index_now():
        parent = add_page(home_page, "Poradnik dla stowarzyszeń", "Jak założyć stowarzyszenie.")
        add_page(parent, "Statut stowarzyszenia", "Wzór statutu.")
    assert len(found(client, "stowarzyszenie")) == 2
    with index_now():
        Page.objects.get(pk=parent.pk).delete()
    assert found(client, "stowarzyszenie") == []


def test_moving_and_renaming_update_urls_of_the_whole_section(client, home_page, index_now):
    with index_now():
        section = add_page(home_page, "Dotacje", "Dotacje dla organizacji.", slug="dotacje")
        child = add_page(
            section, "Rozliczenie dotacji", "Sprawozdanie z dotacji.", slug="rozliczenie"
        )
        target = add_page(
            home_page, "Dla organizacji", "Strefa organizacji.", slug="dla-organizacji"
        )
    entry = SearchEntry.objects.get(object_id=str(child.pk))
    assert entry.url == "/dotacje/rozliczenie/"
    with index_now():
        section.move(target, pos="last-child")
    entry.refresh_from_db()
    assert entry.url == "/dla-organizacji/dotacje/rozliczenie/"
    section = Page.objects.get(pk=section.pk).specific
    section.slug = "granty"
    with index_now():
        section.save_revision().publish()
    entry.refresh_from_db()
    assert entry.url == "/dla-organizacji/granty/rozliczenie/"


def test_people_follow_their_snippet_and_their_team_page(client, home_page, index_now):
    from pages.department.models import DepartmentPage

    department = DepartmentPage(
        title="Wydział", slug="wydzial", street_address="ul. Sienkiewicza 6a", postal_code="41-300"
    )
    home_page.add_child(instance=department)
    with index_now():
        person = PersonFactory(
            name="Bożena Przykładowa", position="Inspektor", phone="32 295 67 00"
        )
        team = TeamPageFactory(parent=department, title="Zespół ds. grantów")
        team.members.create(person=person, role="Koordynatorka grantów")
        team.save_revision().publish()
    results = client.get("/api/v2/search/", {"q": "bozena przykladowa"}).json()["results"]
    assert [(r["type"], r["title"]) for r in results] == [("person", "Bożena Przykładowa")]
    assert results[0]["url"].endswith(team.url)
    assert found(client, "322956700") == ["Bożena Przykładowa"]
    with index_now():
        person.position = "Główna specjalistka"
        person.save()
    assert found(client, "specjalistka") == ["Bożena Przykładowa"]
    with index_now():
        team.unpublish()
    assert found(client, "bozena") == []


def test_a_failing_index_never_breaks_publishing(home_page, index_now, caplog):
    elasticsearch_down = override_settings(
        SEARCH_BACKEND="elasticsearch", ELASTICSEARCH_URL="http://127.0.0.1:9"
    )
    with elasticsearch_down, index_now():
        page = add_page(home_page, "Ogłoszenie o konkursie", "Konkurs ofert 2027.")
    page.refresh_from_db()
    assert page.live
    # The database index, the source of truth, is written anyway.
    assert SearchEntry.objects.filter(object_id=str(page.pk)).exists()
    assert "Elasticsearch" in caplog.text


def test_a_page_that_cannot_be_rendered_to_text_does_not_stop_the_rest(home_page, monkeypatch):
    from search import indexing
    from search.sources.pages import PageSource

    good = add_page(home_page, "Dobra strona", "Treść.")
    bad = add_page(home_page, "Zła strona", "Treść.")
    original = PageSource.to_document

    def broken(self, page):
        if page.pk == bad.pk:
            raise RuntimeError("uszkodzony blok")
        return original(self, page)

    monkeypatch.setattr(PageSource, "to_document", broken)
    report = indexing.update_all()
    assert report.indexed >= 2
    assert SearchEntry.objects.filter(object_id=str(good.pk)).exists()
    assert not SearchEntry.objects.filter(object_id=str(bad.pk)).exists()
