"""What several tags need, once per request: privacy read once, never stale; shared
fragments (the menu) stale once a section changes."""

from django.db import connection

from wagtail.models import Page, PageViewRestriction

import pytest

from tests.factories.pages import StandardPageFactory
from tests.in_request import in_request

pytestmark = pytest.mark.django_db


def test_public_reads_the_restrictions_once_and_sees_one_added_meanwhile(home_page):
    open_page = StandardPageFactory(parent=home_page, slug="jawna")
    closed = StandardPageFactory(parent=home_page, slug="intranet")
    StandardPageFactory(parent=closed, slug="w-srodku")

    def public_slugs():
        return set(Page.objects.live().public().values_list("slug", flat=True))

    def twice_then_restrict():
        first = public_slugs()
        second = public_slugs()
        PageViewRestriction.objects.create(page=open_page, restriction_type="login")
        return first, second, public_slugs()

    PageViewRestriction.objects.create(page=closed, restriction_type="login")
    reads = []

    def note_reads(execute, sql, params, many, context):
        # One query with the aliases (a UNION: it may start with a parenthesis).
        if sql.lstrip("(").startswith("SELECT") and 'FROM "wagtailcore_pageviewrestriction"' in sql:
            reads.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note_reads):
        first, second, after = in_request(twice_then_restrict)
    assert len(reads) == 2  # once before the new restriction, once after it
    assert "intranet" not in first and "w-srodku" not in first
    assert first == second
    assert "jawna" in first and "jawna" not in after


def test_view_restrictions_of_a_page_inside_a_closed_section_are_found(home_page):
    closed = StandardPageFactory(parent=home_page, slug="intranet")
    inner = StandardPageFactory(parent=closed, slug="w-srodku")
    restriction = PageViewRestriction.objects.create(page=closed, restriction_type="login")
    open_page = StandardPageFactory(parent=home_page, slug="jawna")

    def restrictions():
        return list(inner.get_view_restrictions()), list(open_page.get_view_restrictions())

    assert in_request(restrictions) == ([restriction], [])


def test_the_menu_fragment_is_shared_and_a_new_section_shows_at_once(client, home_page, settings):
    settings.FRAGMENT_CACHE_SECONDS = 300
    StandardPageFactory(parent=home_page, slug="o-nas", title="O nas", show_in_menus=True)
    assert "O nas" in client.get("/").content.decode()
    section = StandardPageFactory(
        parent=home_page, slug="nowa", title="Nowa sekcja", show_in_menus=True
    )
    section.save_revision().publish()
    assert "Nowa sekcja" in client.get("/o-nas/").content.decode()
