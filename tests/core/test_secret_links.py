"""Every page opened by a link with a secret answers with core.secret_links' headers."""

import pytest

from tests.factories import budget, initiatives

pytestmark = pytest.mark.django_db

SECRET_LINK_PATHS = [
    "/powiadomienia/potwierdz/nie-ma-takiego/",
    "/powiadomienia/zarzadzaj/1-nie-ma-takiego/",
    "/powiadomienia/wypisz/1-nie-ma-takiego/",
    "/zaswiadczenia/sprawdz/",
]


@pytest.mark.parametrize("path", SECRET_LINK_PATHS)
def test_a_secret_link_page_is_never_stored_indexed_or_referred_elsewhere(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404, 410), response.status_code
    # Not no-referrer: the page's own POST would leave a browser with `Origin: null`.
    _assert_secret_link_headers(response)


def _assert_secret_link_headers(response):
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Referrer-Policy"] == "strict-origin"


def test_a_budget_authors_page_has_the_same_headers(client, home_page):
    edition = budget.edition_page(budget.index_page(home_page))
    project = budget.project(edition, budget.city_pool(edition))
    key = project.new_private_key()
    project.save()
    response = client.get(f"/budzet/moj-projekt/{key}/")
    assert response.status_code == 200
    _assert_secret_link_headers(response)


def test_an_initiative_applicants_page_has_the_same_headers(client, home_page):
    rules = initiatives.rules_page(initiatives.index_page(home_page))
    application = initiatives.initiative(rules)
    key = application.new_private_key()
    application.save()
    response = client.get(f"/inicjatywa-lokalna/moj-wniosek/{key}/")
    assert response.status_code == 200
    _assert_secret_link_headers(response)


def test_a_private_link_stores_only_the_digest_and_a_new_key_retires_the_old(home_page):
    from pages.budget.models import BudgetProject

    edition = budget.edition_page(budget.index_page(home_page))
    project = budget.project(edition, budget.city_pool(edition))
    first = project.new_private_key()
    project.save()
    assert first not in project.private_key_hash and len(project.private_key_hash) == 64
    assert BudgetProject.by_private_key(first) == project
    second = project.new_private_key()
    project.save()
    assert BudgetProject.by_private_key(first) is None
    assert BudgetProject.by_private_key(second) == project
    assert BudgetProject.by_private_key("") is None
    assert BudgetProject.by_private_key(second + "x" * 100) is None
