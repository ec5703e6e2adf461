"""Routing in one narrow query (core.site_structure): every path routes to what Wagtail's
own `Page.route_for_request` finds (the same page, of the same type, with the same route
arguments) or to the same Http404, and the privacy check reuses what routing read."""

import io
import pickle

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site

import pytest

from accounts.sections import ensure_sections
from core import request_memo, site_structure
from core.request_memo import page_ancestors
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


def _warm():
    """The sites, the restricted pages and Wagtail's site root paths, which every request
    reads from the shared cache."""
    Site.find_for_request(RequestFactory().get("/"))
    Site.get_site_root_paths()
    in_request(request_memo.restricted_paths)


# The one-off preparation of a statement on the connection (core.pg_statements, on
# PostgreSQL: in the test's transaction, in a savepoint): not a query of routing's own.
_PREPARATION = ("SAVEPOINT ", "PREPARE ", "RELEASE SAVEPOINT ")


def _routing_queries(path, host="localhost") -> tuple:
    """(what routing PATH found, the SQL it ran) in a request of its own."""
    request = RequestFactory().get("/", HTTP_HOST=host)
    with CaptureQueriesContext(connection) as queries:
        result = in_request(lambda: _described(request, _route_for_request(request, path)))
    sql = [query["sql"] for query in queries.captured_queries]
    return result, [statement for statement in sql if not statement.startswith(_PREPARATION)]


def test_a_page_is_routed_in_two_queries_whatever_its_depth(tree, fragments_shared):
    _warm()
    result, queries = _routing_queries("/dzial/strona/")
    assert result[1] == tree["leaf"].pk
    assert len(queries) == 2  # the candidates, the page of its own type


def test_a_route_found_is_shared_and_costs_no_query_the_second_time(tree, fragments_shared):
    _directory(tree)
    _warm()
    paths = ["/", "/dzial/", "/dzial/strona/", "/organizacje/"]
    for path in paths:
        first, queries = _routing_queries(path)
        assert queries
        second, queries = _routing_queries(path)
        assert queries == [], path
        assert first == second == _route(_wagtail_route_for_request, "localhost", path)


def test_a_routable_pages_entry_serves_its_records_and_made_up_slugs_add_none(
    tree, fragments_shared
):
    """The directory's entry (under its own address) answers every slug its route takes:
    no query, and no entry of its own for any of them."""
    _directory(tree)
    _warm()
    _routing_queries("/organizacje/")
    entries_before = len(cache._cache)
    for slug in ("fundacja", "wymyslona-1", "wymyslona-2"):
        path = f"/organizacje/{slug}/"
        found, queries = _routing_queries(path)
        assert queries == [], path
        assert found == _route(_wagtail_route_for_request, "localhost", path)
    assert len(cache._cache) == entries_before
    # A path the directory's routes do not take is walked (and is Wagtail's 404).
    found, queries = _routing_queries("/organizacje/a/b/")
    assert queries and found == _route(_wagtail_route_for_request, "localhost", "/organizacje/a/b/")


def test_a_shared_route_is_the_page_of_its_own_type_with_its_parent(tree, fragments_shared):
    _warm()
    for _ in range(2):
        request = RequestFactory().get("/")  # Wagtail keeps the route on the request

        def route(request=request):
            page = _route_for_request(request, "/dzial/strona/").page
            with CaptureQueriesContext(connection) as queries:
                parent = page.get_parent()
                title = parent.title
            return page, (parent.pk, title), len(queries)

        page, parent, queries = in_request(route)
        assert type(page) is type(tree["leaf"].specific) and page.title == tree["leaf"].title
        assert parent == (tree["section"].pk, tree["section"].title)
        assert queries == 1  # the parent's own row, when asked for


def test_what_is_not_found_nor_the_same_for_everyone_is_never_shared(tree, fragments_shared):
    """Not found, an alias, a page below one not live: routed afresh each time."""
    _warm()
    for path in ["/nie-ma/", "/alias-strony/", "/alias-strony/dalej/", "/ukryty/widoczna/"]:
        first, _queries = _routing_queries(path)
        second, queries = _routing_queries(path)
        assert first == second and len(queries) >= 1, path
        assert first == _route(_wagtail_route_for_request, "localhost", path), path


def _shared_entries() -> list:
    """The shared routes as stored (the suite's memory cache keeps them pickled)."""
    return [
        pickle.loads(value)  # noqa: S301 - the test's own cache
        for key, value in list(cache._cache.items())
        if ":fragment:route2:" in key
    ]


@pytest.mark.parametrize(
    "path",
    ["/intranet/", "/intranet/w-srodku/", "/strefa-ngo/moja-organizacja/", "/dzial/strona/"],
)
def test_a_private_pages_route_is_shared_without_the_page_and_its_titles(
    tree, fragments_shared, path
):
    """Below a restricted page the route is shared as the tree's places alone: the page and
    the titles of the private pages on the way are read afresh, in one query."""
    if path.startswith("/dzial/"):  # a public section made private
        PageViewRestriction.objects.create(page=tree["section"], restriction_type="login")
    _warm()
    first, queries = _routing_queries(path)
    assert len(queries) == 2  # the walk, the page
    second, queries = _routing_queries(path)
    assert len(queries) == 1  # the page with the private titles above it
    assert first == second == _route(_wagtail_route_for_request, "localhost", path)
    titles_below_home = set(
        Page.objects.filter(depth__gt=2).exclude(title="").values_list("title", flat=True)
    )
    [(_versions, (chain, page))] = _shared_entries()
    assert page is None
    stored_titles = {row["title"] for row in chain}
    assert stored_titles.isdisjoint(titles_below_home) and None in stored_titles
    # The public pages above keep theirs (the home page's).
    restricted = in_request(request_memo.restricted_paths)
    assert [row["title"] is None for row in chain] == [
        any(row["path"].startswith(path) for path in restricted) for row in chain
    ]
    assert Page.objects.get(depth=2).title in stored_titles


def test_a_public_route_made_private_is_stored_again_without_its_page(tree, fragments_shared):
    _warm()
    _routing_queries("/dzial/strona/")
    [(_versions, stored)] = _shared_entries()
    assert stored[1].pk == tree["leaf"].pk  # public: the page itself
    PageViewRestriction.objects.create(page=tree["section"], restriction_type="login")
    _warm()
    found, queries = _routing_queries("/dzial/strona/")
    assert len(queries) == 2  # the public entry is stale: walked
    assert found == _route(_wagtail_route_for_request, "localhost", "/dzial/strona/")
    assert len(_routing_queries("/dzial/strona/")[1]) == 1  # its page read, now private
    [(_versions, (_chain, page))] = _shared_entries()  # in the public entry's place
    assert page is None


def test_a_private_site_root_is_routed_as_wagtail_does_and_never_stored(tree, fragments_shared):
    Site.objects.create(hostname="intranet.example", port=80, root_page=tree["inner"].get_parent())
    _warm()
    for _ in range(2):
        found, queries = _routing_queries("/", host="intranet.example")
        assert queries and found == _route(_wagtail_route_for_request, "intranet.example", "/")
    assert _shared_entries() == []


def test_breadcrumbs_of_a_private_page_from_its_shared_route(tree, fragments_shared):
    """The titles withheld from the shared entry are those read with the page: breadcrumbs
    show them and ask for nothing more."""
    _warm()
    expected = [(a.pk, a.title) for a in tree["inner"].get_ancestors()]
    for _ in range(2):  # routed, then from the shared route
        request = RequestFactory().get("/")

        def ancestors(request=request):
            page = _route_for_request(request, "/intranet/w-srodku/").page
            with CaptureQueriesContext(connection) as queries:
                found = [(a.pk, a.title) for a in page_ancestors(page)]
            return page.title, found, len(queries)

        title, found, queries = in_request(ancestors)
        assert (title, found, queries) == (tree["inner"].title, expected, 0)


@pytest.mark.parametrize(
    "change",
    [{"live": False}, {"slug": "inne", "url_path": "/home/intranet/inne/"}],
    ids=["unpublished", "renamed"],
)
def test_a_private_route_whose_page_changed_unseen_is_walked_again(tree, fragments_shared, change):
    """A write that sends no signal (an update in SQL) leaves the shared entry fresh: the
    page read with it is checked against it (its path, address and liveness), and a page
    no longer at that address, or no longer live, is walked (404)."""
    _warm()
    _routing_queries("/intranet/w-srodku/")
    assert len(_routing_queries("/intranet/w-srodku/")[1]) == 1  # shared
    Page.objects.filter(pk=tree["inner"].pk).update(**change)
    found, queries = _routing_queries("/intranet/w-srodku/")
    assert found is None and len(queries) == 2  # the page read with the entry, the walk
    assert _route(_wagtail_route_for_request, "localhost", "/intranet/w-srodku/") is None


def _directory(tree):
    """A public routable page: the NGO directory, whose record route takes any slug."""
    home = tree["section"].get_parent()
    return home.add_child(instance=NGODirectoryPage(title="Organizacje", slug="organizacje"))


def _rerouted(path, then) -> tuple:
    """What PATH routed to once shared, and after THEN() when routed again (which must
    run routing's queries: the shared route is stale)."""
    _warm()
    _routing_queries(path)
    assert _routing_queries(path)[1] == []  # shared
    then()
    _warm()
    after, queries = _routing_queries(path)
    assert queries, path
    assert after == _route(_wagtail_route_for_request, "localhost", path)
    return after


def test_a_shared_route_is_routed_again_when_a_child_is_published_below_it(tree, fragments_shared):
    """A routable page answered the path by its own route (a record's): a child of that
    slug published below it bumps its tag (the answer stays the route's, as Wagtail's)."""
    directory = _directory(tree)
    path = "/organizacje/fundacja/"
    before = _route(_wagtail_route_for_request, "localhost", path)

    def publish_a_child():
        child = StandardPageFactory(parent=directory, slug="fundacja")
        child.save_revision().publish()

    after = _rerouted(path, publish_a_child)
    assert after == before and after[0] is NGODirectoryPage


def test_a_shared_route_is_routed_again_when_its_page_is_published(tree, fragments_shared):
    def publish():
        leaf = tree["leaf"].specific
        leaf.title = "Nowy tytuł"
        leaf.save_revision().publish()

    _rerouted("/dzial/strona/", publish)
    result = in_request(
        lambda: _route_for_request(RequestFactory().get("/"), "/dzial/strona/").page.title
    )
    assert result == "Nowy tytuł"


@pytest.mark.parametrize("change", ["unpublish", "move", "slug", "delete"])
def test_a_shared_route_is_routed_again_when_the_tree_changes(tree, fragments_shared, change):
    leaf = tree["leaf"].specific

    def then():
        if change == "unpublish":
            leaf.unpublish()
        elif change == "move":
            leaf.move(tree["extranet"], pos="last-child")
        elif change == "slug":
            leaf.slug = "inna"
            leaf.save_revision().publish()
        else:
            leaf.delete()

    assert _rerouted("/dzial/strona/", then) is None


def test_a_restriction_added_above_a_shared_route_refuses_the_page(tree, fragments_shared, client):
    assert client.get("/dzial/strona/").status_code == 200
    assert client.get("/dzial/strona/").status_code == 200  # the route shared
    PageViewRestriction.objects.create(page=tree["section"], restriction_type="login")
    response = client.get("/dzial/strona/")
    assert response.status_code == 302 and response.url.startswith("/logowanie/")


def test_breadcrumbs_take_the_ancestors_routing_read(tree, fragments_shared):
    _warm()
    for _ in range(2):  # routed, then from the shared route
        request = RequestFactory().get("/")  # Wagtail keeps the route on the request

        def ancestors(request=request):
            page = _route_for_request(request, "/dzial/strona/").page
            with CaptureQueriesContext(connection) as queries:
                found = [(a.pk, a.title, a.depth, a.get_url(request)) for a in page_ancestors(page)]
            return found, [q["sql"] for q in queries.captured_queries]

        found, queries = in_request(ancestors)
        assert queries == []
        assert found == [
            (a.pk, a.title, a.depth, a.get_url(request)) for a in tree["leaf"].get_ancestors()
        ]


def test_site_root_paths_are_made_once_per_request_and_again_once_a_site_changes(tree, monkeypatch):
    made = []
    ours = site_structure._site_root_paths
    monkeypatch.setattr(site_structure, "_site_root_paths", lambda: made.append(1) or ours())
    pages = list(Page.objects.filter(depth__gt=1))

    def urls():
        first = [page.get_url() for page in pages]  # no request: Wagtail asks for each page
        Site.objects.create(hostname="dzial.example", port=80, root_page=tree["section"])
        return first, [Page.objects.get(pk=page.pk).get_url() for page in pages]

    first, then = in_request(urls)
    assert len(made) == 2  # once, then once after the site was saved
    leaf = [page.pk for page in pages].index(tree["leaf"].pk)
    assert (first[leaf], then[leaf]) == ("/dzial/strona/", "http://dzial.example/strona/")


def test_site_root_paths_in_a_request_are_wagtails_in_wagtails_order(
    tree, home_page, fragments_shared, monkeypatch
):
    """Several sites, two on one root (the default first), one below another's root."""
    Site.objects.create(hostname="dzial.example", port=80, root_page=tree["section"])
    Site.objects.create(hostname="b.example", port=8080, root_page=tree["section"])
    Site.objects.create(hostname="a.example", port=80, root_page=home_page)
    cache.clear()
    wagtails = site_structure._wagtail_get_site_root_paths()
    with CaptureQueriesContext(connection) as queries:
        in_request(Site.get_site_root_paths)  # the sites read, shared
    assert queries.captured_queries
    with CaptureQueriesContext(connection) as queries:
        ours = in_request(Site.get_site_root_paths)
    assert ours == wagtails
    assert queries.captured_queries == []
    # The order is made here, not taken from the order the sites were read in.
    read = site_structure._all_sites
    monkeypatch.setattr(site_structure, "_all_sites", lambda: list(reversed(read())))
    assert in_request(Site.get_site_root_paths) == wagtails


def test_a_site_root_renamed_gives_its_pages_new_urls_at_once(tree, fragments_shared):
    Site.objects.create(hostname="dzial.example", port=80, root_page=tree["section"])
    leaf = Page.objects.get(pk=tree["leaf"].pk)
    assert in_request(leaf.get_url) == "http://dzial.example/strona/"
    # Saved as a script would (no publication, whose signals make everything stale):
    # Wagtail clears its site root paths, and with them the shared sites.
    section = Page.objects.get(pk=tree["section"].pk).specific
    section.slug = "nowy-dzial"
    section.save()
    assert Site.objects.get(hostname="dzial.example").root_page.url_path.endswith("/nowy-dzial/")
    leaf = Page.objects.get(pk=tree["leaf"].pk)
    assert in_request(leaf.get_url) == "http://dzial.example/strona/"
    assert in_request(lambda: Site.get_site_root_paths()[0].root_path).endswith("/nowy-dzial/")


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


def test_a_page_with_a_draft_is_never_shared(tree, fragments_shared):
    """Its row holds the draft's title, and a draft saved bumps no tag."""
    leaf = tree["leaf"].specific
    leaf.title = "Tytuł szkicu"
    leaf.save_revision()
    _warm()
    first, _queries = _routing_queries("/dzial/strona/")
    second, queries = _routing_queries("/dzial/strona/")
    assert first == second and queries
