"""Routing in one narrow query (core.site_structure): every path routes to what Wagtail's
own `Page.route_for_request` finds (the same page, of the same type, with the same route
arguments) or to the same Http404, and the privacy check reuses what routing read."""

import io

from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site

import pytest

from accounts.sections import ensure_sections
from core.site_structure import _route_for_request, _wagtail_route_for_request
from pages.registry.models import GrantCallIndexPage, NGODirectoryPage
from snippets.models import NGO, GrantCall, SmallGrantOffer
from tests.factories.pages import StandardPageFactory
from tests.in_request import in_request

pytestmark = pytest.mark.django_db


def _described(request, result):
    """What a route result means, comparable between two routings of the same path: the
    page (type and id), the route's view (a routable page's bound method) and arguments."""
    if result is None:
        return None
    page, args, kwargs = result
    if args and callable(args[0]):
        view, view_args, view_kwargs = args
        args = (view.__func__.__qualname__, view.__self__.pk, tuple(view_args), view_kwargs)
        match = request.routable_resolver_match
        args += (match.url_name, tuple(match.args), match.kwargs)
    return type(page), page.pk, page.live, tuple(args), kwargs


def _route(route, host, path):
    request = RequestFactory().get("/", HTTP_HOST=host)
    return _described(request, route(request, path))


def _both(host, path):
    """(ours, Wagtail's) for PATH on HOST, ours in a request as served (its memo open)."""
    ours = in_request(lambda: _route(_route_for_request, host, path))
    return ours, _route(_wagtail_route_for_request, host, path)


def _assert_same(paths, host="localhost") -> set[str]:
    """Asserts that each of PATHS routes alike both ways; returns those found."""
    found = set()
    for path in paths:
        ours, wagtails = _both(host, path)
        assert ours == wagtails, (host, path)
        if ours is not None:
            found.add(path)
    return found


def _sample_paths() -> tuple[list[str], list[str], list[str]]:
    """Every live page of the sample site and its routable pages' records (all found),
    other sub-URLs (found or not), and what must not be found: an unknown slug at each
    depth, trailing segments after a leaf page."""
    live = [page for page in Page.objects.live().specific().order_by("path") if page.url]
    pages = [page.url for page in live]
    directory = NGODirectoryPage.objects.live().first().url
    calls = GrantCallIndexPage.objects.live().first().url
    ngo = NGO.objects.published().order_by("pk").first()
    call = GrantCall.objects.order_by("pk").first()
    offer = SmallGrantOffer.objects.order_by("pk").first()
    records = [f"{directory}{ngo.slug}/"]
    routable = [
        f"{directory}nieznana-organizacja/",
        f"{directory}{ngo.slug.upper()}/",  # not the record's route: a child, not found
        f"{directory}dane.csv",
        f"{calls}kalendarz.ics",
    ]
    if call is not None:
        records.append(f"{calls}{call.slug}/")
    if offer is not None:
        records += [f"{calls}oferty/{offer.pk}/", f"{calls}oferty/"]
    missing = ["/nie-ma/", "/nie-ma/i-tu/"]
    for page in live:
        unknown = [f"{page.url}nie-ma/", f"{page.url}nie-ma/dalej/"]
        # A routable page may answer an unknown slug itself (a record's route: its view
        # says 404), so there it is compared, not required missing.
        (routable if isinstance(page, RoutablePageMixin) else missing).extend(unknown)
    return pages + records, routable, missing


def test_every_page_of_the_sample_site_routes_as_wagtail_routes_it(home_page):
    call_command("load_seed", stdout=io.StringIO())
    call_command("load_sample_content", stdout=io.StringIO())
    ensure_sections(home_page)
    found, routable, missing = _sample_paths()
    assert len(found) > 60
    assert _assert_same(found) == set(found)
    _assert_same(routable)
    assert _assert_same(missing) == set()
    assert _assert_same(["/", ""]) == {"/", ""}


@pytest.fixture
def tree(home_page):
    """Pages for the cases routing must answer as Wagtail does."""
    section = StandardPageFactory(parent=home_page, slug="dzial")
    leaf = StandardPageFactory(parent=section, slug="strona")
    hidden = StandardPageFactory(parent=home_page, slug="ukryty")
    under_hidden = StandardPageFactory(parent=hidden, slug="widoczna")
    hidden.unpublish()
    draft = StandardPageFactory(parent=section, slug="szkic")
    draft.unpublish()
    # Slugs the portal's editor refuses but Wagtail's tree may hold (imported, older pages).
    unicode = StandardPageFactory(parent=home_page, slug="zazolc-gesla")
    upper = StandardPageFactory(parent=home_page, slug="wielkie")
    Page.objects.filter(pk=unicode.pk).update(slug="zażółć-gęślą")
    Page.objects.filter(pk=upper.pk).update(slug="Wielkie")
    alias = leaf.create_alias(parent=home_page, update_slug="alias-strony")
    intranet, extranet = ensure_sections(home_page)
    inner = StandardPageFactory(parent=intranet, slug="w-srodku")
    return {
        "section": section,
        "leaf": leaf,
        "under_hidden": under_hidden,
        "alias": alias,
        "inner": inner,
        "extranet": extranet,
    }


FOUND = {
    "/",
    "/dzial/",
    "/dzial/strona/",
    "/ukryty/widoczna/",
    "/alias-strony/",
    "/intranet/",
    "/intranet/w-srodku/",
    "/strefa-ngo/",
    "/strefa-ngo/moja-organizacja/",
    "/zażółć-gęślą/",
    "/Wielkie/",
    "dzial/strona/",
    "//dzial//strona//",
}
CASES = [
    "/",
    "/dzial/",
    "/dzial/strona/",
    "/dzial/strona/dalej/",  # trailing segments after a leaf page
    "/dzial/szkic/",  # not live
    "/dzial/nie-ma/",
    "/nie-ma/",
    "/ukryty/",  # not live
    "/ukryty/widoczna/",  # live below a page that is not (Wagtail serves it)
    "/alias-strony/",
    "/alias-strony/dalej/",
    "/intranet/",  # a routable section page, private
    "/intranet/w-srodku/",
    "/intranet/nie-ma/",
    "/strefa-ngo/",
    "/strefa-ngo/moja-organizacja/",  # the section's own route
    "/zażółć-gęślą/",  # a unicode slug
    "/ZAŻÓŁĆ-GĘŚLĄ/",
    "/Wielkie/",  # an upper-case slug: only as written
    "/wielkie/",
    "dzial/strona/",  # as Wagtail's URL pattern passes it, without the leading slash
    "//dzial//strona//",
]


def test_each_case_routes_as_wagtail_routes_it(tree):
    assert _assert_same(CASES) == FOUND


def test_several_sites_route_as_wagtail_routes_them(tree, home_page):
    """A second host whose root lies below the first site's root (its ancestors above the
    root are read for the privacy check), and hosts no site answers but the default one."""
    Site.objects.create(hostname="dzial.example", port=80, root_page=tree["section"])
    paths = ["/", "/strona/", "/strona/dalej/", "/szkic/", "/dzial/strona/", "/nie-ma/"]
    assert _assert_same(paths, host="dzial.example") == {"/", "/strona/"}
    assert _assert_same(CASES, host="inny.example") == FOUND  # the default site


def test_a_page_is_routed_in_two_queries_whatever_its_depth(tree, fragments_shared):
    Site.find_for_request(RequestFactory().get("/"))  # the sites, a shared fragment
    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as queries:
        result = in_request(lambda: _route_for_request(request, "/dzial/strona/"))
    assert result.page.pk == tree["leaf"].pk
    assert len(queries) == 2  # the candidates, the page of its own type


def test_the_privacy_check_reuses_what_routing_read(tree):
    PageViewRestriction.objects.create(page=tree["extranet"], restriction_type="login")
    request = RequestFactory().get("/")

    def route_then_check():
        page = _route_for_request(request, "/intranet/w-srodku/").page
        with CaptureQueriesContext(connection) as queries:
            restrictions = list(page.get_view_restrictions().values_list("page_id", flat=True))
        return restrictions, [query["sql"] for query in queries.captured_queries]

    restrictions, queries = in_request(route_then_check)
    intranet = tree["inner"].get_parent()
    assert restrictions == list(
        PageViewRestriction.objects.filter(page=intranet).values_list("page_id", flat=True)
    )
    # The restricted pages, then the restrictions themselves: no ancestors read again.
    assert not any('FROM "wagtailcore_page"' in sql.split("WHERE")[0] for sql in queries[1:])
    assert len(queries) == 2
