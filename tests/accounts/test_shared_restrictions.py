"""A signed-in reader's privacy checks from what is shared between requests (core.request_memo
with accounts.user_snapshot): no query of the reader's groups or of the restrictions once
both are known, and every change of who may read what counts at the very next request.

On the suite's memory caches standing in for Redis (tests/conftest.fragments_shared), so
they run wherever the suite does; the first one runs on the machine's Redis too."""

from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from accounts import roles
from accounts.backends import OneQueryModelBackend
from core import request_memo
from tests.core.conftest import live_redis_default_cache
from tests.factories.accounts import UserFactory
from tests.factories.pages import StandardPageFactory
from tests.in_request import in_request

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/10"
PRIVACY_TABLES = ("auth_group", "auth_user_groups", "wagtailcore_pageviewrestriction")


@pytest.fixture(autouse=True)
def shared(fragments_shared):
    """Shared fragments on, the restrictions shared (a cache every process reads)."""


@pytest.fixture
def on_redis(settings):
    yield from live_redis_default_cache(settings, REDIS_URL, "test-restrictions")


def privacy_queries(client, path) -> tuple[int, list[str]]:
    """(status, the queries reading groups, memberships or view restrictions) of one GET."""
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    found = [q["sql"] for q in queries if any(f'"{t}"' in q["sql"] for t in PRIVACY_TABLES)]
    return status, found


@pytest.mark.parametrize("cache", ["memory", "redis"])
def test_a_known_reader_on_a_restricted_page_reads_no_group_and_no_restriction(
    client, sections, staff_user, cache, request
):
    if cache == "redis":
        request.getfixturevalue("on_redis")
    client.force_login(staff_user)
    assert client.get("/intranet/").status_code == 200  # fills the snapshot and the rows
    status, queries = privacy_queries(client, "/intranet/")
    assert status == 200
    assert queries == []


def test_a_group_taken_off_the_restriction_refuses_at_the_next_request(
    client, sections, staff_user
):
    client.force_login(staff_user)
    assert client.get("/intranet/").status_code == 200
    restriction = PageViewRestriction.objects.get(page=sections["intranet"])
    staff = Group.objects.get(name=roles.STAFF)
    restriction.groups.remove(staff)
    assert client.get("/intranet/").status_code == 302
    restriction.groups.add(staff)
    assert client.get("/intranet/").status_code == 200


def test_a_reader_taken_out_of_the_group_is_refused_at_the_next_request(
    client, sections, staff_user
):
    client.force_login(staff_user)
    assert client.get("/intranet/").status_code == 200
    staff_user.groups.clear()
    assert client.get("/intranet/").status_code == 302


def test_a_new_restriction_on_a_page_below_counts_at_the_next_request(client, sections, staff_user):
    inner = StandardPageFactory(parent=sections["intranet"], slug="tylko-redakcja")
    client.force_login(staff_user)
    assert client.get("/intranet/tylko-redakcja/").status_code == 200
    restriction = PageViewRestriction.objects.create(page=inner, restriction_type="groups")
    restriction.groups.set([Group.objects.get(name=roles.EDITORS)])
    assert client.get("/intranet/tylko-redakcja/").status_code == 302
    restriction.delete()
    assert client.get("/intranet/tylko-redakcja/").status_code == 200


def test_a_password_restriction_is_read_from_the_database(client, home_page, staff_user):
    page = StandardPageFactory(parent=home_page, slug="z-haslem")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="tajne")
    client.force_login(staff_user)
    for _ in range(2):
        response = client.get("/z-haslem/")
        assert response.status_code == 200
        assert 'name="password"' in response.content.decode()  # Wagtail's password form
    status, queries = privacy_queries(client, "/z-haslem/")
    assert status == 200
    assert any('"wagtailcore_pageviewrestriction"."password"' in sql for sql in queries)


def test_the_shared_restrictions_answer_as_the_database_does(home_page):
    """Each page's restrictions (its own, its ancestors', an alias's source's section's), the
    same rows as Wagtail's query, none of them holding a password."""
    editors = Group.objects.create(name="Redakcja testowa")
    closed = StandardPageFactory(parent=home_page, slug="zamknieta")
    inner = StandardPageFactory(parent=closed, slug="w-srodku")
    narrower = StandardPageFactory(parent=inner, slug="wezsza")
    open_page = StandardPageFactory(parent=home_page, slug="jawna")
    alias = inner.create_alias(parent=open_page, update_slug="alias-w-srodku")
    PageViewRestriction.objects.create(page=closed, restriction_type="login")
    by_group = PageViewRestriction.objects.create(page=narrower, restriction_type="groups")
    by_group.groups.set([editors])
    pages = [closed, inner, narrower, open_page, alias]

    def answers():
        return [
            sorted((r.pk, r.page_id, r.restriction_type) for r in page.get_view_restrictions())
            for page in pages
        ]

    database = [
        sorted(
            PageViewRestriction.objects.filter(
                pk__in=[r.pk for r in request_memo._wagtail_get_view_restrictions(page)]
            ).values_list("pk", "page_id", "restriction_type")
        )
        for page in pages[:4]
    ]
    in_request(answers)  # shares the rows
    with CaptureQueriesContext(connection) as queries:
        shared = in_request(answers)
    assert shared[:4] == database
    assert shared[4] == database[1]  # the alias: its source's section's restriction
    assert not [q for q in queries if '"wagtailcore_pageviewrestriction"' in q["sql"]]
    rows = request_memo._read_restriction_rows()
    assert rows[narrower.pk] == [(by_group.pk, "groups", (editors.pk,))]


def test_a_deleted_groups_id_given_to_a_new_group_names_nobody(client, sections):
    """SQLite gives a new row the highest id freed: the shared restrictions still naming
    the deleted group must not let the new group's members in."""
    temporary = Group.objects.create(name="Tymczasowa")
    PageViewRestriction.objects.get(page=sections["intranet"]).groups.add(temporary)
    reader = UserFactory(username="czytelnik", groups=[])
    client.force_login(reader)
    assert client.get("/intranet/").status_code == 302  # the rows are shared now
    reused = temporary.pk
    temporary.delete()
    Group.objects.create(pk=reused, name="Nowa grupa").user_set.add(reader)
    assert client.get("/intranet/").status_code == 302


def test_the_shared_restrictions_behave_as_a_queryset(sections):
    inner = StandardPageFactory(parent=sections["intranet"], slug="w-srodku")
    in_request(lambda: list(inner.get_view_restrictions()))  # shares the rows

    def check():
        restrictions = inner.get_view_restrictions()
        with CaptureQueriesContext(connection) as queries:
            answers = [restrictions.exists(), restrictions.count(), bool(restrictions)]
            [restriction] = restrictions
        assert queries.captured_queries == []
        assert answers == [True, 1, True]
        # What changes the query, or a column not kept, is read from the database.
        assert [r.pk for r in restrictions.order_by("-pk")] == [restriction.pk]
        assert restrictions.filter(restriction_type="groups").get() == restriction
        assert restriction.password == ""
        assert set(restriction.groups.values_list("name", flat=True)) == set(roles.INTRANET_GROUPS)
        return restriction.page_id

    assert in_request(check) == sections["intranet"].pk


def test_a_page_the_shared_rows_do_not_name_is_checked_in_the_database(sections, monkeypatch):
    """The restricted pages and the rows are two entries: a page named by one and missing
    from the other is read from the database, never passed as public."""
    monkeypatch.setattr(request_memo, "_read_restriction_rows", dict)
    restrictions = in_request(lambda: list(sections["intranet"].get_view_restrictions()))
    assert restrictions == list(PageViewRestriction.objects.filter(page=sections["intranet"]))


def _known_user(user):
    """USER as a signed-in request loads them: with their groups (the snapshot's form)."""
    loaded = OneQueryModelBackend().get_user(user.pk)
    assert getattr(loaded, request_memo.GROUP_NAMES_ATTR) is not None
    return loaded


def test_a_membership_changed_during_the_request_is_seen(sections, staff_user):
    user = _known_user(staff_user)
    in_request(lambda: request_memo.user_in_group(user, roles.STAFF))  # shares the rows

    def change_and_ask():
        before = request_memo.user_in_group(user, roles.STAFF)
        staff_user.groups.clear()
        return before, request_memo.user_in_group(user, roles.STAFF)

    assert in_request(change_and_ask) == (True, False)


def test_a_restrictions_groups_changed_during_the_request_are_seen(sections, staff_user):
    request = RequestFactory().get("/intranet/")
    request.user, request.session = _known_user(staff_user), {}
    intranet = sections["intranet"]

    def accepted():
        return all(r.accept_request(request) for r in intranet.get_view_restrictions())

    in_request(accepted)  # shares the rows

    def change_and_ask():
        before = accepted()
        restriction = PageViewRestriction.objects.get(page=intranet)
        restriction.groups.remove(Group.objects.get(name=roles.STAFF))
        return before, accepted()

    assert in_request(change_and_ask) == (True, False)
