"""An alias stands for its final source: an alias of an alias of a restricted page is
restricted too (Wagtail's `add_page_to_check_list` follows the chain), its content is
never shown to a visitor who may not see the source, and never stored in a shared cache."""

from django.core.cache import cache
from django.test import Client, override_settings

from wagtail.models import Page, PageViewRestriction

import pytest

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
