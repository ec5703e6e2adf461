"""Each page type: where it may live, that it renders, what the API returns for it."""

from wagtail.models import Page

import pytest

from pages.department.models import ContactPage, DepartmentPage, HomePage, StandardPage, TeamPage
from tests.factories.pages import (
    ContactPageFactory,
    DepartmentPageFactory,
    PersonFactory,
    StandardPageFactory,
    TeamPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def department(home_page):
    department = DepartmentPageFactory(parent=home_page)
    leader = PersonFactory(name="Anna Kierownik", position="Naczelnik")
    department.leaders.create(person=leader, role="Naczelnik Wydziału")
    department.duty_areas = [
        ("area", {"title": "Obszar A", "duties": [{"number": 1, "text": "Zadanie pierwsze."}]}),
        ("area", {"title": "Obszar B", "duties": [{"number": 2, "text": "Zadanie drugie."}]}),
    ]
    department.save_revision().publish()
    return department


@pytest.fixture
def team(department):
    team = TeamPageFactory(parent=department, title="Zespół ds. testów", slug="zespol")
    team.members.create(person=PersonFactory(name="Jan Członek", position="Inspektor"))
    team.members.create(
        person=PersonFactory(name="Ewa Szefowa", position="Inspektor"), role="Koordynatorka"
    )
    team.save_revision().publish()
    return team


class TestWhereTheyLive:
    def test_home_page_only_under_the_root(self):
        assert HomePage.allowed_parent_page_models() == [Page]
        assert HomePage.max_count == 1

    def test_department_under_home(self, home_page):
        assert DepartmentPage.can_create_at(home_page)
        assert not DepartmentPage.can_create_at(StandardPageFactory(parent=home_page))

    def test_team_only_under_department(self, home_page, department):
        assert TeamPage.can_create_at(department)
        assert not TeamPage.can_create_at(home_page)

    def test_contact_once_under_home(self, home_page):
        assert ContactPage.can_create_at(home_page)
        ContactPageFactory(parent=home_page)
        assert not ContactPage.can_create_at(home_page)

    def test_standard_page_nests(self, home_page, department):
        page = StandardPageFactory(parent=home_page)
        assert StandardPage.can_create_at(page)
        assert StandardPage.can_create_at(department)
        assert set(StandardPage.allowed_subpage_models()) == {StandardPage}


class TestRendering:
    def test_home(self, client, home_page, department):
        response = client.get("/")
        assert response.status_code == 200
        html = response.content.decode()
        assert '<html lang="pl">' in html
        assert 'href="#main"' in html  # skip link
        assert 'href="/wydzial/"' in html  # navigation from the page tree

    def test_department(self, client, department, team):
        html = client.get("/wydzial/").content.decode()
        assert "Anna Kierownik" in html and "Naczelnik Wydziału" in html
        assert 'value="1"' in html and "Zadanie drugie." in html
        assert "Obszar A" in html
        assert "Zespół ds. testów" in html
        assert '"@type": "GovernmentOrganization"' in html
        assert '"@type": "ContactPoint"' in html
        assert 'aria-label="Ścieżka nawigacji"' in html

    def test_team(self, client, team):
        html = client.get(team.url).content.decode()
        assert "Jan Członek" in html and "Inspektor" in html
        assert "Koordynatorka" in html  # the membership role overrides the position
        assert 'href="mailto:zespol@dg.pl"' in html
        assert 'href="tel:+48518270597"' in html

    def test_contact(self, client, home_page, department, team):
        ContactPageFactory(parent=home_page, department=department)
        html = client.get("/kontakt/").content.decode()
        assert "Anna Kierownik" in html and "Jan Członek" in html
        assert 'href="tel:+48602502478"' in html
        assert '"@type": "GovernmentOrganization"' in html

    def test_standard(self, client, home_page):
        page = StandardPageFactory(parent=home_page, title="Deklaracja", slug="deklaracja")
        page.body = [("heading", {"text": "Stan dostępności", "level": "h2"})]
        page.save_revision().publish()
        html = client.get("/deklaracja/").content.decode()
        assert "<h2>Stan dostępności</h2>" in html

    def test_not_found_is_polish(self, client, home_page):
        response = client.get("/nie-ma-takiej-strony/")
        assert response.status_code == 404
        assert "Nie znaleziono strony" in response.content.decode()

    def test_draft_team_is_not_listed(self, client, department, team):
        team.unpublish()
        html = client.get("/wydzial/").content.decode()
        assert "Zespół ds. testów" not in html
        assert client.get("/wydzial/zespol/").status_code == 404


class TestApi:
    def _items(self, client, model):
        response = client.get(f"/api/v2/pages/?type={model}&fields=*")
        assert response.status_code == 200
        return response.json()["items"]

    def test_home(self, client, home_page):
        home_page.summary = "Wstęp"
        home_page.save_revision().publish()
        [item] = self._items(client, "pages.HomePage")
        assert item["summary"] == "Wstęp"
        assert item["body"] == []

    def test_department(self, client, department):
        [item] = self._items(client, "pages.DepartmentPage")
        assert item["street_address"] == "ul. Sienkiewicza 6a"
        assert item["leaders"][0]["person"]["name"] == "Anna Kierownik"
        assert item["leaders"][0]["role"] == "Naczelnik Wydziału"
        assert item["duty_areas"][0]["value"]["duties"][0] == {
            "number": 1,
            "text": "Zadanie pierwsze.",
        }

    def test_team(self, client, team):
        [item] = self._items(client, "pages.TeamPage")
        assert item["email"] == "zespol@dg.pl"
        names = [member["person"]["name"] for member in item["members"]]
        assert names == ["Jan Członek", "Ewa Szefowa"]
        assert item["members"][1]["role"] == "Koordynatorka"

    def test_contact(self, client, home_page, department):
        ContactPageFactory(parent=home_page, department=department)
        [item] = self._items(client, "pages.ContactPage")
        assert item["department"]["id"] == department.id

    def test_standard(self, client, home_page):
        StandardPageFactory(parent=home_page, title="Strona API")
        [item] = self._items(client, "pages.StandardPage")
        assert item["title"] == "Strona API"

    def test_drafts_are_not_in_the_api(self, client, department, team):
        team.unpublish()
        assert self._items(client, "pages.TeamPage") == []
