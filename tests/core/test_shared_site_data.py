"""What every uncached render shares with the others (issue 17): the sites, the contact
settings and the restricted pages, each stale as soon as what it shows changes, and never
holding what a rolled-back change wrote."""

from unittest import mock

from django.core.cache import cache
from django.db import connection, transaction
from django.test import RequestFactory

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

import pytest

from core import cache_tags
from core.models import SiteContactSettings
from core.site_structure import _wagtail_find_for_request, site_for_host
from tests.factories.pages import StandardPageFactory
from tests.in_request import in_request

pytestmark = pytest.mark.django_db


def _wagtail(hostname, port):
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


@pytest.mark.parametrize(
    "layout",
    [
        [("localhost", 80, True)],
        [("localhost", 80, True), ("ngo.example", 80, False)],
        [("localhost", 80, True), ("ngo.example", 80, False), ("ngo.example", 8080, False)],
        [("localhost", 8000, True), ("localhost", 80, False), ("inne.example", 443, False)],
        [("a.example", 80, False), ("a.example", 81, False)],  # no default site
    ],
)
def test_the_site_of_a_host_is_the_one_wagtail_finds(home_page, layout):
    Site.objects.all().delete()
    for hostname, port, default in layout:
        Site.objects.create(
            hostname=hostname, port=port, is_default_site=default, root_page=home_page
        )
    sites = list(Site.objects.select_related("root_page"))
    for hostname in ("localhost", "ngo.example", "inne.example", "a.example", "nieznany.pl"):
        for port in (80, 81, 443, 8000, 8080):
            expected = _wagtail(hostname, port)
            found = site_for_host(sites, hostname, port)
            assert getattr(found, "pk", None) == getattr(expected, "pk", None), (hostname, port)


@pytest.mark.parametrize(
    "layout",
    [
        [("localhost", 80, True), ("localhost", 8000, False)],
        [("localhost", 8000, True), ("localhost", 80, False), ("inne.example", 443, False)],
        [("a.example", 80, False), ("a.example", 8080, False)],  # no default site
        [("localhost", 80, True), ("ngo.example", 8080, False)],
    ],
)
def test_a_request_gets_the_site_wagtail_gives_it(home_page, layout, fragments_shared):
    """Through requests, as served: Django gives the port as a string."""
    Site.objects.all().delete()
    for hostname, port, default in layout:
        Site.objects.create(
            hostname=hostname, port=port, is_default_site=default, root_page=home_page
        )
    factory = RequestFactory()
    for host in ("localhost", "inne.example", "a.example", "ngo.example", "Nieznany.PL."):
        for port in ("80", "443", "8000", "8080", "81"):
            request = factory.get("/", HTTP_HOST=host, SERVER_PORT=port)
            expected = _wagtail_find_for_request(request)
            found = Site.find_for_request(request)
            assert getattr(found, "pk", None) == getattr(expected, "pk", None), (host, port)


def test_a_request_finds_its_site_without_a_query_and_sees_a_new_one(home_page, fragments_shared):
    factory = RequestFactory()
    assert Site.find_for_request(factory.get("/", HTTP_HOST="localhost")).hostname == "localhost"
    with connection.execute_wrapper(_no_queries):
        Site.find_for_request(factory.get("/", HTTP_HOST="localhost"))
    other = Site.objects.create(hostname="ngo.example", port=80, root_page=home_page)
    assert Site.find_for_request(factory.get("/", HTTP_HOST="ngo.example")).pk == other.pk


def _no_queries(execute, sql, params, many, context):
    raise AssertionError(f"unexpected query: {sql}")


def test_contact_settings_are_shared_and_fresh_after_a_save(home_page, fragments_shared):
    factory = RequestFactory()
    first = SiteContactSettings.for_request(factory.get("/"))
    with connection.execute_wrapper(_no_queries):
        assert SiteContactSettings.for_request(factory.get("/")).pk == first.pk
    first.department_name = "Wydział Nowej Nazwy"
    first.save()
    assert SiteContactSettings.for_request(factory.get("/")).department_name == (
        "Wydział Nowej Nazwy"
    )


def _public_slugs():
    return set(Page.objects.live().public().values_list("slug", flat=True))


def test_a_new_restriction_is_seen_by_the_next_request(home_page, fragments_shared):
    page = StandardPageFactory(parent=home_page, slug="wkrotce-zamknieta")
    assert "wkrotce-zamknieta" in in_request(_public_slugs)
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert "wkrotce-zamknieta" not in in_request(_public_slugs)


def test_a_request_that_changes_privacy_shares_nothing_it_read_afterwards(
    home_page, fragments_shared
):
    """Its transaction may roll back: what it read after the change must not be shared."""
    closed = StandardPageFactory(parent=home_page, slug="zamknieta")
    restriction = PageViewRestriction.objects.create(page=closed, restriction_type="login")
    assert "zamknieta" not in in_request(_public_slugs)

    def delete_read_and_roll_back():
        try:
            with transaction.atomic():
                PageViewRestriction.objects.get(pk=restriction.pk).delete()
                seen = _public_slugs()
                raise RuntimeError(seen)
        except RuntimeError as rolled_back:
            return rolled_back.args[0]

    assert "zamknieta" in in_request(delete_read_and_roll_back)  # its own view, unshared
    assert "zamknieta" not in in_request(_public_slugs)  # the others: still private


def test_restrictions_are_not_shared_through_a_memory_cache_of_one_process(home_page, settings):
    """Without Redis every process has its own memory cache: a restriction saved by another
    process (a second worker, a command) bumps that process's cache, not this one's, so
    this one must not keep a copy of the restricted pages (the page would be served)."""
    settings.FRAGMENT_CACHE_SECONDS = 300
    cache.clear()
    assert not cache_tags.shared_between_processes()
    page = StandardPageFactory(parent=home_page, slug="zamknieta-gdzie-indziej")
    assert "zamknieta-gdzie-indziej" in in_request(_public_slugs)
    with mock.patch("core.page_cache_signals.bump"):  # the other process's bump, not seen here
        PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert "zamknieta-gdzie-indziej" not in in_request(_public_slugs)
    cache.clear()


def test_the_restricted_pages_are_shared_through_a_cache_of_every_process(
    home_page, fragments_shared
):
    StandardPageFactory(parent=home_page, slug="jakas")
    in_request(_public_slugs)
    with connection.execute_wrapper(_only_pages):
        in_request(_public_slugs)


def _only_pages(execute, sql, params, many, context):
    assert "pageviewrestriction" not in sql.lower(), sql
    return execute(sql, params, many, context)
