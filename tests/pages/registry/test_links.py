"""Where the registry's pages are (pages.registry.links): read once, shared between
requests as a fragment of the page's row alone, and stale as soon as the page changes."""

from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from pages.registry.links import directory_url, grant_calls_url
from tests.in_request import in_request

pytestmark = pytest.mark.django_db


def _urls():
    request = RequestFactory().get("/")
    return directory_url(request), grant_calls_url(request)


def test_the_pages_urls_are_shared_as_their_rows_alone(directory, calls_page, fragments_shared):
    expected = (directory.url, calls_page.url)
    assert in_request(_urls) == expected
    keys = [key.split(":", 2)[2] for key in list(cache._cache) if ":first_index_row:" in key]
    assert len(keys) == 2
    with CaptureQueriesContext(connection) as queries:
        assert in_request(_urls) == expected
    assert len(queries) == 0
    rows = [cache.get(key)[1] for key in keys]  # (versions of its tags, value)
    assert {tuple(sorted(row)) for row in rows} == {("depth", "id", "path", "url_path")}


def test_an_unpublished_or_restricted_page_is_no_longer_linked(
    directory, calls_page, fragments_shared
):
    assert in_request(_urls) == (directory.url, calls_page.url)
    directory.unpublish()
    PageViewRestriction.objects.create(page=calls_page, restriction_type="login")
    assert in_request(_urls) == (None, None)
