"""Each page type renders within a fixed number of SQL queries, however much it lists."""

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

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_shared")]


# Queries for one anonymous view of each page: the page cache off, the shared fragments
# (sites, contact settings, restricted pages, menu sections, index pages:
# core.site_structure, core.request_memo; the home page's sections: core.shared_fragments)
# on and warm, as deployed.
# Session 12 (issue 17): the route shared between requests (core.site_structure: the
# page's fields too) and breadcrumbs from it: a warm page of these types runs no query but
# the accessibility statement's own list of updates.
BUDGETS = {
    "home": ("/", 0),
    "department": ("/wydzial/", 0),
    "team": (None, 0),
    "contact": ("/kontakt/", 0),
    "standard": ("/o-portalu/", 0),
    "accessibility statement": ("/deklaracja-dostepnosci/", 1),
    "privacy policy": ("/polityka-prywatnosci/", 0),
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


# The lists and the home page's sections read one page of their items (LIMIT) and
# grouped counts: their queries do not depend on how many items the tables hold.
# Each with its budget (session 12: the route shared, their parts shared fragments).
LISTS = {
    "/": 0,
    "/konsultacje/": 0,
    "/ogloszenia/": 0,
    "/konkursy/": 0,
    "/poradniki/": 0,
    "/wydarzenia/": 0,
    "/wydarzenia/?strona=2": 0,
    "/wydarzenia/minione/": 0,
}


def _grow_lists(home, times: int) -> None:
    """TIMES more of every thing a list or the home page shows: open consultations,
    announcements, open calls, art. 19a offers, guides, upcoming and past events (with
    registrations)."""
    from tests.factories.cao import (
        EventPageFactory,
        EventRegistrationFactory,
        GuidancePageFactory,
        in_days,
    )
    from tests.factories.consultations import AnnouncementPageFactory, ConsultationPageFactory
    from tests.factories.registry import GrantCallFactory, SmallGrantOfferFactory

    indexes = {page.specific_class.__name__: page for page in home.get_children().specific()}
    for n in range(times):
        ConsultationPageFactory(parent=indexes["ConsultationIndexPage"])
        AnnouncementPageFactory(parent=indexes["AnnouncementIndexPage"])
        GrantCallFactory()
        SmallGrantOfferFactory()
        GuidancePageFactory(parent=indexes["GuidanceIndexPage"])
        for days in (n + 1, -n - 1):
            event = EventPageFactory(
                parent=indexes["EventIndexPage"], starts_at=in_days(days), places=20
            )
            EventRegistrationFactory(event=event)


def test_lists_and_home_query_counts_stay_flat_as_their_tables_grow(
    client, home_page, django_assert_max_num_queries
):
    from tests.factories.cao import EventIndexPageFactory, GuidanceIndexPageFactory
    from tests.factories.consultations import (
        AnnouncementIndexPageFactory,
        ConsultationIndexPageFactory,
    )
    from tests.factories.registry import GrantCallIndexPageFactory

    ConsultationIndexPageFactory(parent=home_page)
    AnnouncementIndexPageFactory(parent=home_page)
    GrantCallIndexPageFactory(parent=home_page)
    GuidanceIndexPageFactory(parent=home_page)
    EventIndexPageFactory(parent=home_page)
    _grow_lists(home_page, 11)  # every list past its first page (10 events a page)
    small = {
        path: _count(client, path, LISTS[path], django_assert_max_num_queries) for path in LISTS
    }
    _grow_lists(home_page, 20)
    large = {
        path: _count(client, path, LISTS[path], django_assert_max_num_queries) for path in LISTS
    }
    assert large == small, f"query counts grew with the lists: {small} -> {large}"
    assert small["/"] <= BUDGETS["home"][1]
