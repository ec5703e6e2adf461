"""Each page type renders within a fixed number of SQL queries, however much it lists."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from pages.department.models import (
    AccessibilityStatementPage,
    AccessibilityStatementUpdate,
    DepartmentLeader,
    DepartmentPage,
    StandardPage,
    TeamMembership,
    TeamPage,
)
from pages.department.seed import DepartmentSeeder, load_data
from tests.factories.pages import PersonFactory, StandardPageFactory, TeamPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _shared_fragments(settings):
    settings.FRAGMENT_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


# Queries for one anonymous view of each page: the page cache off, the shared fragments
# (menu sections, index pages: core.site_structure; the home page's sections:
# core.shared_fragments) on and warm, as deployed.
BUDGETS = {
    "home": ("/", 5),  # its sections a shared fragment (core.shared_fragments), warm
    "department": ("/wydzial/", 12),
    "team": (None, 11),
    "contact": ("/kontakt/", 12),
    "standard": ("/o-portalu/", 10),
    "accessibility statement": ("/deklaracja-dostepnosci/", 10),
    "privacy policy": ("/polityka-prywatnosci/", 9),
}


def _team_path():
    return TeamPage.objects.live().order_by("path").first().url


def _count(client, path, budget, assert_max) -> int:
    client.get(path)  # warm the per-process caches (content types, site root paths)
    with assert_max(budget), CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def _measure(client, assert_max) -> dict[str, int]:
    return {
        name: _count(client, path or _team_path(), budget, assert_max)
        for name, (path, budget) in BUDGETS.items()
    }


def _grow(times: int) -> None:
    """Add TIMES of every listed thing: teams, members, leaders, menu pages, subpages."""
    department = DepartmentPage.objects.get()
    home = department.get_parent()
    standard = StandardPage.objects.get(slug="o-portalu")
    statement = AccessibilityStatementPage.objects.get()
    first_team = TeamPage.objects.live().order_by("path").first()
    for _ in range(times):
        team = TeamPageFactory(parent=department)
        for _ in range(3):
            TeamMembership.objects.create(page=team, person=PersonFactory())
        TeamMembership.objects.create(page=first_team, person=PersonFactory())
        DepartmentLeader.objects.create(page=department, person=PersonFactory(), role="Kierownik")
        StandardPageFactory(parent=home, show_in_menus=True)
        StandardPageFactory(parent=standard)
        AccessibilityStatementUpdate.objects.create(
            page=statement, date=statement.published_on, description="Przegląd"
        )


def test_query_counts_stay_within_budget_and_flat_as_lists_grow(
    client, django_assert_max_num_queries
):
    DepartmentSeeder(load_data()).run()
    home = DepartmentPage.objects.get().get_parent()
    StandardPageFactory(parent=home, slug="o-portalu", title="O portalu")
    _grow(2)  # every list non-empty: an empty list may legitimately skip a query
    small = _measure(client, django_assert_max_num_queries)
    _grow(6)
    large = _measure(client, django_assert_max_num_queries)
    assert large == small, f"query counts grew with the lists: {small} -> {large}"
