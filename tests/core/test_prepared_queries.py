"""Queries compiled once (core.prepared_queries): the same instances as Django's own
iteration, other values in the same places, and Django's own run for what cannot be
prepared."""

from contextvars import copy_context

from django.contrib.auth.models import AnonymousUser
from django.db import DatabaseError, connection, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Page

import pytest

from core import prepared_queries
from core.request_memo import RequestMemoMiddleware
from snippets.models import NGO, District, PublicBenefitArea
from tests.factories.accounts import UserFactory
from tests.factories.pages import StandardPageFactory
from tests.factories.registry import NGOFactory, area
from tests.in_request import in_request
from voting.models.rules import EditionVoting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _nothing_prepared(monkeypatch):
    monkeypatch.setattr(prepared_queries, "_prepared", {})


def _fields(instance) -> dict:
    return {name: value for name, value in instance.__dict__.items() if name != "_state"}


def _ngo(ngo_id):
    return NGO.objects.filter(pk=ngo_id)


def _page_with_parent_title(model):
    def build(page_id, parent_id):
        title_of = RawSQL("SELECT title FROM wagtailcore_page WHERE id = %s", (parent_id,))
        return model._default_manager.annotate(parent_title=title_of).filter(id=page_id)

    return build


def test_a_page_as_its_own_type_is_read_as_django_reads_it(home_page):
    from pages.department.models.standard import StandardPage

    pages = [
        StandardPageFactory(
            parent=home_page,
            title=f"Strona {n}",
            summary=f"Opis {n}",
            body=[{"type": "paragraph", "value": f"<p>Treść {n}</p>"}],
        )
        for n in range(2)
    ]
    build = _page_with_parent_title(StandardPage)
    for page in pages:
        [django_reads] = build(page.pk, home_page.pk)
        [prepared] = prepared_queries.run("page", build, page.pk, home_page.pk)
        assert type(prepared) is StandardPage
        assert _fields(prepared) == _fields(django_reads)
        assert prepared.parent_title == home_page.title and prepared.summary == page.summary
        assert prepared._state.db == "default" and not prepared._state.adding
        # The StreamField through its converter, as Django's iteration gives it.
        assert prepared.body.get_prep_value() == django_reads.body.get_prep_value()
        assert f"Treść {pages.index(page)}" in str(prepared.body[0].value)
    assert isinstance(prepared_queries._prepared["page"], prepared_queries._Prepared)


def test_it_compiles_once_and_runs_one_query_each_time(home_page, monkeypatch):
    first, second = NGOFactory(), NGOFactory()
    compiled = []
    prepare = prepared_queries._prepare
    monkeypatch.setattr(
        prepared_queries, "_prepare", lambda *args: compiled.append(args) or prepare(*args)
    )

    assert prepared_queries.run("ngo", _ngo, first.pk) == [first]
    with CaptureQueriesContext(connection) as queries:
        [found] = prepared_queries.run("ngo", _ngo, second.pk)
    assert found == second and found.name == second.name and found.krs == second.krs
    assert len(queries) == 1 and len(compiled) == 1
    assert prepared_queries.run("ngo", _ngo, -5) == [] and len(compiled) == 1


def test_values_go_where_they_were_compiled_whatever_their_order(home_page):
    ngos = [NGOFactory(name=f"Organizacja {n}") for n in range(3)]

    def build(last_id, name):
        return NGO.objects.filter(Q(pk__lte=last_id) & ~Q(name=name)).order_by("pk")

    assert prepared_queries.run("two", build, ngos[2].pk, "Organizacja 1") == [ngos[0], ngos[2]]
    assert prepared_queries.run("two", build, ngos[1].pk, "Organizacja 0") == [ngos[1]]


@pytest.mark.parametrize(
    "build, values",
    [
        # A LIKE pattern other than startswith's: "%…%".
        (lambda name: NGO.objects.filter(name__contains=name), ("Test",)),
        # One value twice: as itself and in a pattern.
        (lambda name: NGO.objects.filter(Q(name=name) | Q(name__startswith=name)), ("Test",)),
        # A value written into the SQL: a slice's bound.
        (lambda count: NGO.objects.order_by("pk")[:count], (2,)),
        # The related row joined: raw() would not fill it.
        (lambda pk: NGO.objects.select_related("district").filter(pk=pk), (0,)),
        # Some fields only: raw() would read them all.
        (lambda pk: NGO.objects.only("name").filter(pk=pk), (0,)),
        # One value in two places.
        (lambda pk: NGO.objects.filter(Q(pk=pk) | Q(pk__gt=pk)).order_by("pk"), (0,)),
        # A value used again in another form, which no search for the marker sees: plus
        # one, upper-cased.
        (lambda pk: NGO.objects.filter(pk__gte=pk, pk__lte=pk + 1).order_by("pk"), (0,)),
        (lambda name: NGO.objects.filter(Q(name=name) | Q(name=name.upper())), ("abc",)),
        # A slice's bound derived from a value: only the SQL of the two compilations differs.
        (lambda pk: NGO.objects.filter(pk__gte=pk).order_by("pk")[: pk + 1], (0,)),
        # A related manager's query, rows locked, a union.
        (lambda pk: District.objects.get(slug="centrum").ngos.filter(pk=pk), (0,)),
        (lambda pk: NGO.objects.select_for_update().filter(pk=pk), (0,)),
        (
            lambda pk: (
                NGO.objects.filter(pk=pk).order_by().union(NGO.objects.filter(name="x").order_by())
            ),
            (0,),
        ),
        # A field that changes what it is given (spaces and dashes dropped from a KRS).
        (lambda krs: NGO.objects.filter(krs=krs), ("KRS",)),
    ],
)
def test_what_cannot_be_prepared_is_run_by_django_each_time(home_page, build, values):
    district = District.objects.create(name="Centrum", slug="centrum")
    ngo = NGOFactory(district=district)
    NGOFactory(name="ABC")
    values = tuple(
        ngo.pk if value == 0 else f" {ngo.krs[:5]}-{ngo.krs[5:]} " if value == "KRS" else value
        for value in values
    )
    assert prepared_queries.run("odd", build, *values) == list(build(*values))
    assert prepared_queries._prepared["odd"] is prepared_queries._NOT_PREPARABLE
    assert prepared_queries.run("odd", build, *values) == list(build(*values))


def test_a_query_of_a_small_integer_is_not_prepared_where_the_database_has_ranges(db):
    # A marker is past a small integer's range: on PostgreSQL Django drops the condition
    # (or compiles nothing) rather than send the value; SQLite has no ranges.
    def build(age):
        return EditionVoting.objects.filter(min_age__lte=age)

    assert prepared_queries.run("small", build, 16) == list(build(16))
    if connection.vendor == "postgresql":
        assert prepared_queries._prepared["small"] is prepared_queries._NOT_PREPARABLE


def test_a_query_of_a_positive_integer_is_prepared(db):
    def build(order):
        return PublicBenefitArea.objects.filter(sort_order__lt=order).order_by("sort_order")

    expected = list(build(1_000_000))
    assert expected and prepared_queries.run("positive", build, 1_000_000) == expected
    assert prepared_queries.run("positive", build, 0) == []
    assert isinstance(prepared_queries._prepared["positive"], prepared_queries._Prepared)


def test_it_keeps_a_bounded_number_of_queries(monkeypatch, home_page):
    monkeypatch.setattr(prepared_queries, "MAX_QUERIES", 2)
    ngo = NGOFactory()
    for name in ("a", "b", "c"):
        assert prepared_queries.run(name, lambda pk: NGO.objects.filter(pk=pk), ngo.pk) == [ngo]
    assert list(prepared_queries._prepared) == ["c"]


def test_a_tree_query_by_path_prefix_is_prepared(home_page):
    parents = [StandardPageFactory(parent=home_page, title=f"Dział {n}") for n in range(2)]
    children = [
        [StandardPageFactory(parent=parent, title=f"Podstrona {n}.{m}") for m in range(2)]
        for n, parent in enumerate(parents)
    ]

    def build(parent_path, depth):
        return Page.objects.filter(path__startswith=parent_path, depth=depth).order_by("path")

    for parent, its_children in zip(parents, children, strict=True):
        found = prepared_queries.run("children", build, parent.path, parent.depth + 1)
        assert found == [child.page_ptr for child in its_children]
        assert found == list(parent.get_children().order_by("path"))
    assert prepared_queries._prepared["children"].prefixes == (True, False)


def test_a_prefix_is_escaped_as_django_escapes_it(home_page):
    NGOFactory(name="50%_zniżki")
    NGOFactory(name="50 lat razem")
    NGOFactory(name="50ab")

    def build(start):
        return NGO.objects.filter(name__startswith=start).order_by("name")

    for start in ("50%_", "50", "50 ", "5_", "x"):
        assert prepared_queries.run("prefix", build, start) == list(build(start))
    assert [ngo.name for ngo in prepared_queries.run("prefix", build, "50%")] == ["50%_zniżki"]


def test_a_value_prepared_sql_cannot_take_is_run_by_django(home_page, monkeypatch):
    ngo = NGOFactory()

    # The first call's value is one prepared SQL cannot take: the query is still prepared
    # at the next call.
    assert prepared_queries.run("by-pk", _ngo, None) == []  # IS NULL, as Django compiles it
    assert "by-pk" not in prepared_queries._prepared
    assert prepared_queries.run("by-pk", _ngo, ngo.pk) == [ngo]
    assert isinstance(prepared_queries._prepared["by-pk"], prepared_queries._Prepared)

    def prepared_sql_run(*args):
        raise AssertionError("run through the prepared SQL")

    monkeypatch.setattr(prepared_queries, "_read_together", prepared_sql_run)
    assert prepared_queries.run("by-pk", _ngo, 2**40) == []  # past the column's range
    assert prepared_queries.run("by-pk", _ngo, -1) == []  # below a positive column's
    assert prepared_queries.run("by-pk", _ngo, None) == []


def test_an_annotation_is_read_as_django_converts_it(home_page):
    # SQLite answers an EXISTS with 1 and a datetime as text, which Django converts to
    # True and an aware datetime: the prepared rows go through the same converters.
    with_areas, without = NGOFactory(), NGOFactory()
    with_areas.areas.set(PublicBenefitArea.objects.all()[:1])
    with_areas.save()
    NGO.objects.update(last_published_at=timezone.now())

    def build(pk):
        areas = NGO.areas.through.objects.filter(ngo_id=OuterRef("pk"))
        return NGO.objects.annotate(has_areas=Exists(areas), revised=F("last_published_at")).filter(
            pk=pk
        )

    for _ in range(2):
        for ngo, has_areas in ((with_areas, True), (without, False)):
            [found] = prepared_queries.run("annotated", build, ngo.pk)
            [django_reads] = build(ngo.pk)
            assert found.has_areas is has_areas
            assert found.revised == django_reads.revised and timezone.is_aware(found.revised)
    assert isinstance(prepared_queries._prepared["annotated"], prepared_queries._Prepared)


def test_a_value_escaped_for_like_without_a_pattern_is_found_as_django_finds_it(home_page):
    # SQLite compares iexact with LIKE, the value escaped ("50\\%"): not prepared there;
    # PostgreSQL compares UPPER()s of the value as given, and it is prepared.
    NGOFactory(name="50%")
    NGOFactory(name="50 lat")

    def build(name):
        return NGO.objects.filter(name__iexact=name).order_by("name")

    for name in ("50%", "50_lat", "50 LAT"):
        assert prepared_queries.run("iexact", build, name) == list(build(name))
    assert [ngo.name for ngo in prepared_queries.run("iexact", build, "50%")] == ["50%"]
    if connection.vendor == "sqlite":
        assert prepared_queries._prepared["iexact"] is prepared_queries._NOT_PREPARABLE


def _areas_of_number(number):
    return PublicBenefitArea.objects.filter(number=number).order_by("pk")


def test_queued_queries_are_read_with_the_next_run_in_one_round_trip(home_page):
    def body():
        first, second, third = NGOFactory(), NGOFactory(), NGOFactory()
        prepared_queries.run("ngo", _ngo, first.pk)  # compiled once beforehand
        with CaptureQueriesContext(connection) as queries:
            queued = [prepared_queries.later("ngo", _ngo, ngo.pk) for ngo in (first, second)]
            assert len(queries) == 0  # queued, not read
            assert prepared_queries.run("ngo", _ngo, third.pk) == [third]
            assert [list(found) for found in queued] == [[first], [second]]
        # One execute of three statements on PostgreSQL; one after the other elsewhere.
        assert len(queries) == (1 if connection.vendor == "postgresql" else 3)
        assert [found[0].name for found in queued] == [first.name, second.name]

    in_request(body)


def test_a_queued_query_is_read_at_its_first_use_with_the_others(home_page):
    def body():
        ngo, sixteen = NGOFactory(), area("16")
        prepared_queries.run("ngo", _ngo, ngo.pk)
        prepared_queries.run("areas", _areas_of_number, "16")
        with CaptureQueriesContext(connection) as queries:
            queued_ngo = prepared_queries.later("ngo", _ngo, ngo.pk)
            queued_areas = prepared_queries.later("areas", _areas_of_number, "16")
            assert queued_areas  # its first use reads both
            assert len(queued_ngo) == 1 and queued_ngo[0] == ngo
        assert len(queries) == (1 if connection.vendor == "postgresql" else 2)
        assert list(queued_areas) == [sixteen]

    in_request(body)


def test_outside_a_request_a_queued_query_is_read_at_once(home_page):
    ngo = NGOFactory()
    prepared_queries.run("ngo", _ngo, ngo.pk)
    with CaptureQueriesContext(connection) as queries:
        found = prepared_queries.later("ngo", _ngo, ngo.pk)
        assert len(queries) == 1
    assert list(found) == [ngo]


def test_what_is_not_prepared_is_read_by_django_at_once(home_page):
    def body():
        ngo = NGOFactory()

        def by_name(name):
            return NGO.objects.filter(name__contains=name)

        with CaptureQueriesContext(connection) as queries:
            found = prepared_queries.later("contains", by_name, ngo.name)
        assert found == [ngo] and len(queries) == 1

    in_request(body)


def test_a_failed_read_leaves_each_queued_query_to_its_own_use(home_page):
    def body():
        first, second = NGOFactory(), NGOFactory()
        prepared_queries.run("ngo", _ngo, first.pk)
        queued = [prepared_queries.later("ngo", _ngo, ngo.pk) for ngo in (first, second)]
        read_together = prepared_queries._read_together
        reads = []

        def fails_once(using, entries):
            reads.append(len(entries))
            if len(reads) == 1:
                raise DatabaseError("the connection dropped")
            return read_together(using, entries)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(prepared_queries, "_read_together", fails_once)
            with pytest.raises(DatabaseError):
                list(queued[0])
            assert list(queued[1]) == [second] and list(queued[0]) == [first]
        assert reads == [2, 1, 1]  # then each at its own use, not queued again

    in_request(body)


def _ngo_with_literal(ngo_id):
    # A percent sign written into the SQL (Django doubles it for the parameters' syntax).
    return NGO.objects.annotate(label=RawSQL("'100%%'", ())).filter(pk=ngo_id)


def test_statements_read_together_keep_their_own_results(home_page):
    def body():
        ngo = NGOFactory()
        prepared_queries.run("ngo", _ngo, ngo.pk)
        prepared_queries.run("literal", _ngo_with_literal, ngo.pk)
        nothing = prepared_queries.later("ngo", _ngo, ngo.pk + 1000)  # an empty result between
        with_literal = prepared_queries.later("literal", _ngo_with_literal, ngo.pk)
        assert prepared_queries.run("ngo", _ngo, ngo.pk) == [ngo]
        assert nothing == [] and with_literal == [ngo] and with_literal[0].label == "100%"

    in_request(body)


def test_a_query_queued_in_another_transaction_is_read_in_its_own(home_page):
    def body():
        first, second = NGOFactory(), NGOFactory()
        prepared_queries.run("ngo", _ngo, first.pk)
        outside = prepared_queries.later("ngo", _ngo, first.pk)
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            assert prepared_queries.run("ngo", _ngo, second.pk) == [second]
        assert len(queries) == 1 and outside.instances is None  # still queued
        assert outside == [first]

    in_request(body)


# Read ahead: what a path's last GET by the same reader asked for is read with the next
# one's first prepared read, on PostgreSQL (where it saves a round trip; nothing is planned
# elsewhere) and in autocommit, as a request is served (so those tests are transactional:
# in the test's own transaction requests are planned, nothing is read ahead).
needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="read ahead only where statements go together"
)
in_autocommit = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def no_plans(monkeypatch):
    monkeypatch.setattr(prepared_queries, "_plans", {})
    return prepared_queries._plans


def _get(function, user=None, path="/strona/", method="get", status=200):
    """FUNCTION() run by a view behind RequestMemoMiddleware, for a METHOD request of PATH
    whose reader (USER, else anonymous) the authentication middleware has read; returns
    what it returned."""
    results = []

    def view(request):
        results.append(function())
        return HttpResponse(status=status)

    request = getattr(RequestFactory(), method)(path)
    request.user = request._cached_user = user or AnonymousUser()
    copy_context().run(RequestMemoMiddleware(view), request)
    return results[0]


def _place(path="/strona/", user=None):
    return ("testserver", path, user.pk if user else None)


def _ngo_then_areas(ngo_id):
    """A page that reads the NGO NGO_ID, then the areas numbered 16: two prepared queries."""
    return lambda: (
        prepared_queries.run("ngo", _ngo, ngo_id),
        prepared_queries.run("areas", _areas_of_number, "16"),
    )


def _areas_then_ngo(ngo_id):
    return lambda: (
        prepared_queries.run("areas", _areas_of_number, "16"),
        prepared_queries.run("ngo", _ngo, ngo_id),
    )


@needs_postgresql
@in_autocommit
def test_a_paths_queries_are_read_ahead_with_its_first_read(no_plans):
    first, second, sixteen = NGOFactory(), NGOFactory(), area("16")

    def page(other=second):
        queued = prepared_queries.later("areas", _areas_of_number, "16")  # before any read
        ngo = prepared_queries.run("ngo", _ngo, first.pk)
        return ngo, list(queued), prepared_queries.run("ngo", _ngo, other.pk)

    assert _get(page) == ([first], [sixteen], [second])  # two round trips: planned
    with CaptureQueriesContext(connection) as queries:
        assert _get(page) == ([first], [sixteen], [second])
    # The three read with the first read, in one execute, each once (the areas queued
    # before it are not queued again from the plan).
    [sql] = [query["sql"] for query in queries.captured_queries]
    assert sql.count(";\n") == 2
    # Only the same name and values take what was read ahead: another NGO is read anew.
    third = NGOFactory()
    with CaptureQueriesContext(connection) as queries:
        assert _get(lambda: page(third)) == ([first], [sixteen], [third])
    assert len(queries) == 2
    assert no_plans[_place()][-1] == ("ngo", (third.pk,))

    # Asked for in a transaction (another depth), it is not taken: read there afresh.
    def in_a_transaction():
        prepared_queries.run("ngo", _ngo, first.pk)
        with transaction.atomic():
            return prepared_queries.run("ngo", _ngo, third.pk)

    with CaptureQueriesContext(connection) as queries:
        assert _get(in_a_transaction) == [third]
    # The first read with what was read ahead (the NGO asked for in the transaction too),
    # then that NGO again in the transaction.
    assert [q["sql"].split(" ")[0] for q in queries.captured_queries] == [
        "EXECUTE",
        "BEGIN",
        "EXECUTE",
        "COMMIT",
    ]
    assert queries.captured_queries[0]["sql"].count(";\n") == 2


@needs_postgresql
@in_autocommit
def test_a_write_in_the_request_drops_what_was_read_ahead(no_plans):
    ngo = NGOFactory(name="Przed zmianą")
    _get(_areas_then_ngo(ngo.pk))

    def writes_between():
        prepared_queries.run("areas", _areas_of_number, "16")  # reads the NGO ahead
        NGO.objects.filter(pk=ngo.pk).update(name="Po zmianie")
        NGO.objects.get(pk=ngo.pk).save()  # a save: Django's signal
        return prepared_queries.run("ngo", _ngo, ngo.pk)[0].name

    assert _get(writes_between) == "Po zmianie"


@needs_postgresql
@in_autocommit
def test_a_failed_read_ahead_reads_the_requests_own_queries_again(no_plans, monkeypatch):
    ngo, sixteen = NGOFactory(), area("16")
    page = _ngo_then_areas(ngo.pk)
    _get(page)
    read_together = prepared_queries._read_together
    reads = []

    def fails_with_more_than_one(using, entries):
        reads.append(len(entries))
        if len(entries) > 1:
            raise DatabaseError("a statement failed")
        return read_together(using, entries)

    monkeypatch.setattr(prepared_queries, "_read_together", fails_with_more_than_one)
    assert _get(page) == ([ngo], [sixteen])
    assert reads == [2, 1, 1]  # with the one read ahead; then each alone


@needs_postgresql
def test_in_a_transaction_requests_are_planned_and_nothing_is_read_ahead(home_page, no_plans):
    ngo, sixteen = NGOFactory(), area("16")
    page = _ngo_then_areas(ngo.pk)
    _get(page)
    assert no_plans == {_place(): (("ngo", (ngo.pk,)), ("areas", ("16",)))}
    with CaptureQueriesContext(connection) as queries:
        assert _get(page) == ([ngo], [sixteen])
    assert len(queries) == 2


@needs_postgresql
def test_each_reader_has_a_plan_of_their_own(home_page, no_plans):
    ngo, other = NGOFactory(), NGOFactory()
    reader, another = UserFactory(username="czytelnik"), UserFactory(username="inny")

    _get(_areas_then_ngo(ngo.pk), user=reader)
    _get(_areas_then_ngo(other.pk), user=another)
    _get(_areas_then_ngo(ngo.pk), method="head")
    assert no_plans == {
        _place(user=reader): (("areas", ("16",)), ("ngo", (ngo.pk,))),
        _place(user=another): (("areas", ("16",)), ("ngo", (other.pk,))),
        _place(): (("areas", ("16",)), ("ngo", (ngo.pk,))),
    }


@needs_postgresql
@pytest.mark.parametrize(("method", "status"), [("post", 200), ("get", 404), ("get", 302)])
def test_only_a_get_answered_200_is_planned(home_page, no_plans, method, status):
    ngo = NGOFactory()
    page = _areas_then_ngo(ngo.pk)
    _get(page, method=method, status=status)
    assert no_plans == {}
    if method == "get":  # a refusal after a plan: the plan is forgotten
        _get(page)
        assert no_plans
        _get(page, status=status)
        assert no_plans == {}


@needs_postgresql
def test_an_unknown_reader_is_not_planned(home_page, no_plans):
    ngo = NGOFactory()

    def view(request):
        prepared_queries.run("areas", _areas_of_number, "16")
        prepared_queries.run("ngo", _ngo, ngo.pk)
        return HttpResponse()

    request = RequestFactory().get("/strona/")  # its user never read: who reads is unknown
    copy_context().run(RequestMemoMiddleware(view), request)
    assert no_plans == {}


@needs_postgresql
def test_plans_are_bounded_and_kept_only_to_read_something_ahead(home_page, no_plans, monkeypatch):
    ngo = NGOFactory()
    page = _areas_then_ngo(ngo.pk)
    monkeypatch.setattr(prepared_queries, "MAX_PLANS", 2)
    for path in ("/a/", "/b/", "/c/"):
        _get(page, path=path)
    assert list(no_plans) == [_place("/c/")]
    monkeypatch.setattr(prepared_queries, "MAX_PLANNED", 3)
    _get(lambda: [prepared_queries.run("ngo", _ngo, ngo.pk + n) for n in range(5)], path="/c/")
    assert len(no_plans[_place("/c/")]) == 3
    _get(lambda: prepared_queries.run("ngo", _ngo, ngo.pk), path="/c/")  # nothing to read ahead
    assert no_plans == {}


def test_nothing_is_planned_where_statements_are_not_read_together(
    home_page, no_plans, monkeypatch
):
    ngo = NGOFactory()
    monkeypatch.setattr(prepared_queries, "_reads_together", lambda connection: False)
    _get(_areas_then_ngo(ngo.pk))
    assert no_plans == {}


def test_converters_are_looked_up_once_per_query_and_connection(home_page, monkeypatch):
    from django.db.models.sql.compiler import SQLCompiler

    StandardPageFactory(parent=home_page, title="Dział")
    looked_up = []
    original = SQLCompiler.get_converters
    monkeypatch.setattr(
        SQLCompiler,
        "get_converters",
        lambda self, expressions: looked_up.append(len(expressions)) or original(self, expressions),
    )
    for _ in range(3):
        pages = prepared_queries.run("page", _page_with_parent_title(Page), home_page.pk, 1)
        assert pages == [home_page.page_ptr] and pages[0].parent_title == "Root"
    assert looked_up == [len(prepared_queries._prepared["page"].columns)]  # at the first run
