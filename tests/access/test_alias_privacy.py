"""An alias stands for its final source: an alias of an alias of a restricted page is
restricted too (Wagtail's `add_page_to_check_list` follows the chain), its content is
never shown to a visitor who may not see the source, and never stored in a shared cache."""

from django.core.cache import cache
from django.test import Client, override_settings

from wagtail.models import Page, PageViewRestriction

import pytest

from core import request_memo
from tests.factories.pages import StandardPageFactory
from tests.in_request import in_request

pytestmark = pytest.mark.django_db

SECRET = "tresc-tylko-dla-zalogowanych"


@pytest.fixture
def aliases(home_page):
    source = StandardPageFactory(parent=home_page, slug="zamknieta", summary=SECRET)
    restriction = PageViewRestriction.objects.create(page=source, restriction_type="login")
    first = source.create_alias(parent=home_page, update_slug="alias-pierwszy")
    second = first.create_alias(parent=home_page, update_slug="alias-drugi")
    second.refresh_from_db()
    assert second.alias_of_id == first.pk and first.alias_of_id == source.pk
    # Creating an alias copies the source's restrictions onto it; Wagtail ignores an
    # alias's own (its source's apply), and with them gone only following the chain to
    # the source can find one.
    PageViewRestriction.objects.exclude(pk=restriction.pk).delete()
    return {"restriction": restriction, "first": first, "second": second}


def test_an_alias_of_an_alias_has_its_final_sources_restrictions(aliases):
    restriction = aliases["restriction"]
    for alias in (aliases["first"], aliases["second"]):
        page = Page.objects.get(pk=alias.pk)
        assert list(page.get_view_restrictions()) == [restriction]  # Wagtail's own
        assert in_request(lambda page=page: list(page.get_view_restrictions())) == [restriction]


@override_settings(PAGE_CACHE_SECONDS=300)
def test_an_alias_of_an_alias_of_a_restricted_page_is_never_shown_nor_stored(
    aliases, fragments_shared
):
    anonymous = Client()
    for path in ("/alias-drugi/", "/alias-pierwszy/", "/zamknieta/", "/alias-drugi/"):
        response = anonymous.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/logowanie/?next=")
        assert SECRET not in response.content.decode()
    stored = [value for value in cache._cache.values() if SECRET.encode() in value]
    assert stored == []


SECTION_SECRET = "tresc-sekcji-zamknietej"


@pytest.fixture
def section_page(home_page):
    """A page of a restricted section: the restriction is on the section, none on the page
    (creating an alias copies only a page's own restrictions)."""
    section = StandardPageFactory(parent=home_page, slug="sekcja-zamknieta")
    restriction = PageViewRestriction.objects.create(page=section, restriction_type="login")
    page = StandardPageFactory(
        parent=section, slug="strona-sekcji", title="Strona sekcji", summary=SECTION_SECRET
    )
    return {"restriction": restriction, "page": page}


def _public_titles():
    return set(Page.objects.live().public().values_list("title", flat=True))


def test_an_alias_of_a_page_in_a_restricted_section_has_the_sections_restriction(
    section_page, home_page
):
    alias = section_page["page"].create_alias(parent=home_page, update_slug="alias-sekcji")
    page = Page.objects.get(pk=alias.pk)
    # Wagtail checks only the source's own restrictions: the alias would be public.
    assert list(request_memo._wagtail_get_view_restrictions(page)) == []
    expected = [section_page["restriction"]]
    assert list(page.get_view_restrictions()) == expected
    assert in_request(lambda: list(page.get_view_restrictions())) == expected
    # Nor is it listed as public (menus, lists, the API, sitemaps use .public()), in a
    # request or outside one (webhooks, tasks).
    assert "Strona sekcji" not in _public_titles()
    assert "Strona sekcji" not in in_request(_public_titles)


def test_a_page_below_such_an_alias_is_private_too(section_page, home_page):
    alias = section_page["page"].create_alias(parent=home_page, update_slug="alias-sekcji")
    below = StandardPageFactory(parent=Page.objects.get(pk=alias.pk), title="Pod aliasem")
    assert "Pod aliasem" not in in_request(_public_titles)
    assert in_request(lambda: list(Page.objects.get(pk=below.pk).get_view_restrictions())) == [
        section_page["restriction"]
    ]


@override_settings(PAGE_CACHE_SECONDS=300)
def test_an_alias_made_after_the_privacy_was_shared_is_refused_at_once(
    section_page, home_page, fragments_shared, django_user_model
):
    anonymous = Client()
    assert anonymous.get("/").status_code == 200  # the private pages now shared (cached)
    section_page["page"].create_alias(parent=home_page, update_slug="alias-sekcji")
    for path in ("/alias-sekcji/", "/sekcja-zamknieta/strona-sekcji/", "/alias-sekcji/"):
        response = anonymous.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/logowanie/?next=")
        assert SECTION_SECRET not in response.content.decode()
    stored = [value for value in cache._cache.values() if SECTION_SECRET.encode() in value]
    assert stored == []
    # Whom the section admits sees the alias, as the source.
    reader = Client()
    reader.force_login(django_user_model.objects.create_user("czytelnik", password="x"))
    response = reader.get("/alias-sekcji/")
    assert response.status_code == 200 and SECTION_SECRET in response.content.decode()


def test_aliases_in_a_cycle_are_skipped_not_followed_for_ever(section_page, home_page):
    first = section_page["page"].create_alias(parent=home_page, update_slug="alias-a")
    second = first.create_alias(parent=home_page, update_slug="alias-b")
    Page.objects.filter(pk=first.pk).update(alias_of=second.pk)  # only by hand in the database
    restricted, private = request_memo._read_privacy()
    assert restricted == {
        section_page["restriction"].page_id: section_page["restriction"].page.path
    }
    assert private == {}
