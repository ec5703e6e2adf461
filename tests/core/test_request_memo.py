"""What several tags need, once per request: privacy read once, never stale; shared
fragments (the menu) stale once a section changes."""

import re

from django.db import connection

from wagtail.models import Page, PageViewRestriction

import pytest

from tests.factories.accounts import UserFactory
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


def _menu(html: str) -> str:
    """The wide rendering of the main menu in HTML."""
    return re.search(r'<div class="main-nav__full">(.*?)</div>', html, re.S).group(1)


def test_the_shared_menu_marks_the_current_item_on_every_page(client, home_page, settings):
    """One stored menu per way of marking it: each page, rendered twice in any order, marks
    its own section (itself "page", below it "true"), the home item on the home page, and
    nothing on a page outside the menu's sections or with no page at all."""
    settings.FRAGMENT_CACHE_SECONDS = 300
    about = StandardPageFactory(parent=home_page, slug="o-nas", title="O nas", show_in_menus=True)
    StandardPageFactory(parent=about, slug="zespol", title="Zespół")
    StandardPageFactory(parent=home_page, slug="inna", title="Inna", show_in_menus=True)
    hidden = StandardPageFactory(parent=home_page, slug="ukryta", title="Ukryta")
    StandardPageFactory(parent=hidden, slug="nizej", title="Niżej")
    closed = StandardPageFactory(parent=home_page, slug="tajna", title="Tajna", show_in_menus=True)
    StandardPageFactory(parent=closed, slug="w-srodku", title="W środku")
    PageViewRestriction.objects.create(page=closed, restriction_type="login")
    client.force_login(UserFactory(username="czytelnik"))
    expected = {
        "/": ('href="/" aria-current="page"', None),
        "/o-nas/": ('href="/o-nas/" aria-current="page"', None),
        "/o-nas/zespol/": ('href="/o-nas/" aria-current="true"', None),
        "/inna/": ('href="/inna/" aria-current="page"', None),
        "/ukryta/nizej/": (None, "aria-current"),
        "/tajna/w-srodku/": (None, "aria-current"),  # not in the menu: public sections only
        "/szukaj/": (None, "aria-current"),
    }
    for path in [*expected, *reversed(expected)]:
        menu = _menu(client.get(path).content.decode())
        marked, absent = expected[path]
        assert "O nas" in menu and "Inna" in menu and "Tajna" not in menu, path
        if marked:
            assert marked in menu and menu.count("aria-current") == 1, path
        else:
            assert absent not in menu, path


def _group_reads(function):
    """FUNCTION() in a request, with the number of queries it ran on auth_group."""
    reads = []

    def note_reads(execute, sql, params, many, context):
        if 'FROM "auth_group"' in sql:
            reads.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note_reads):
        result = in_request(function)
    return result, len(reads)


def test_group_restrictions_answer_as_wagtail_does_from_one_read_of_the_groups(home_page):
    from django.contrib.auth.models import AnonymousUser, Group
    from django.test import RequestFactory

    from core import request_memo
    from tests.factories.accounts import UserFactory

    staff, partners, nobody = (Group.objects.create(name=n) for n in ("A", "B", "C"))
    pages = [StandardPageFactory(parent=home_page, slug=f"s{n}") for n in range(4)]
    restrictions = []
    for page, groups in zip(pages, ([staff], [staff, partners], [nobody], []), strict=True):
        restriction = PageViewRestriction.objects.create(page=page, restriction_type="groups")
        restriction.groups.set(groups)
        restrictions.append(restriction)
    readers = [
        UserFactory(groups=[]),
        UserFactory(username="a", groups=[]),
        UserFactory(username="ab", groups=[]),
        UserFactory(username="root", groups=[]),
        AnonymousUser(),
    ]
    readers[1].groups.set([staff])
    readers[2].groups.set([staff, partners])
    readers[3].is_superuser = True
    readers[3].save()
    for reader in readers:
        request = RequestFactory().get("/")
        request.user = reader
        wagtails = [request_memo._wagtail_accept_request(r, request) for r in restrictions]
        ours, reads = _group_reads(
            lambda request=request: [r.accept_request(request) for r in restrictions]
        )
        assert ours == wagtails, reader
        assert reads == (1 if reader.is_authenticated and not reader.is_superuser else 0)
    assert in_request(lambda: request_memo.user_in_group(readers[2], "B"))
    assert not in_request(lambda: request_memo.user_in_group(readers[1], "B"))


def test_a_membership_changed_during_the_request_is_seen(home_page):
    from django.contrib.auth.models import Group
    from django.test import RequestFactory

    from core import request_memo
    from tests.factories.accounts import UserFactory

    group, other = Group.objects.create(name="A"), Group.objects.create(name="B")
    restriction = PageViewRestriction.objects.create(
        page=StandardPageFactory(parent=home_page), restriction_type="groups"
    )
    restriction.groups.set([group])
    user = UserFactory(groups=[])
    request = RequestFactory().get("/")
    request.user = user

    def change_and_ask():
        answers = [restriction.accept_request(request)]
        user.groups.add(other)  # not one of the restriction's
        answers.append(restriction.accept_request(request))
        restriction.groups.add(other)  # now it is
        answers.append(restriction.accept_request(request))
        group.user_set.add(user)  # from the group's side
        answers.append(request_memo.user_in_group(user, "A"))
        restriction.groups.remove(other, group)
        answers.append(restriction.accept_request(request))
        return answers

    assert in_request(change_and_ask) == [False, False, True, True, False]
