"""An index update that fails is shown to administrators and in the health summary, and
fails closed: a privacy change that cannot be written takes the entry out of the index.

The failure is the database's own: a trigger refuses every insert and update of an
entry (as the exhausted facet sequence of issue 13 did), while deletions still work."""

from contextlib import contextmanager

from django.core.management import call_command
from django.db import connection

from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

import pytest

from search.integrity import index_health
from search.models import IndexFailure, SearchEntry
from tests.factories.search import make_document, make_pdf
from tests.search.conftest import add_page

pytestmark = pytest.mark.django_db

REFUSED = "zapis do indeksu odrzucony"


@contextmanager
def entry_writes_refused():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for event in ("INSERT", "UPDATE"):
                cursor.execute(
                    f"CREATE TRIGGER test_refuse_{event} BEFORE {event} ON search_searchentry "
                    f"BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END"
                )
        else:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks pending
            cursor.execute(
                "CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS "
                f"$$ BEGIN RAISE EXCEPTION '{REFUSED}'; END $$"
            )
            cursor.execute(
                "CREATE TRIGGER test_refuse BEFORE INSERT OR UPDATE ON search_searchentry "
                "FOR EACH ROW EXECUTE FUNCTION test_refuse()"
            )
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for event in ("INSERT", "UPDATE"):
                cursor.execute(f"DROP TRIGGER test_refuse_{event}")
        else:
            cursor.execute("DROP TRIGGER test_refuse ON search_searchentry")
            cursor.execute("DROP FUNCTION test_refuse()")


def api_titles(client, query):
    return [r["title"] for r in client.get("/api/v2/search/", {"q": query}).json()["results"]]


def test_a_page_restricted_while_the_index_refuses_writes_leaves_the_index(
    client, home_page, index_now, django_user_model
):
    with index_now():
        page = add_page(home_page, "Regulamin rady seniorów", "Zasady pracy rady.")
    assert api_titles(client, "regulamin") == [page.title]
    assert index_health()["ok"]

    with entry_writes_refused(), index_now():
        PageViewRestriction.objects.create(page=page, restriction_type="login")
    # Public before, for logged-in users now: the update failed, so it is not found at all.
    assert api_titles(client, "regulamin") == []
    assert not SearchEntry.objects.filter(object_id=str(page.pk)).exists()
    failure = IndexFailure.objects.get()
    assert (failure.task, failure.object_id, failure.removed) == (
        "reindex_page_subtree",
        str(page.pk),
        True,
    )
    assert REFUSED in failure.error
    health = index_health()
    assert not health["ok"] and health["failed_updates"] == 1

    admin = django_user_model.objects.create_superuser("a", "a@dg.pl", "haslo-testowe-123")
    client.force_login(admin)
    html = client.get("/admin/reports/indeks-wyszukiwarki/").content.decode()
    assert "Indeks wymaga uwagi" in html and REFUSED in html and "reindex_page_subtree" in html
    editor = django_user_model.objects.create_user("r", "r@dg.pl", "haslo-testowe-123")
    editor.user_permissions.add(*admin_access())
    client.force_login(editor)
    refused = client.get("/admin/reports/indeks-wyszukiwarki/")  # Wagtail: back to /admin/
    assert refused.status_code == 302 and refused["Location"] == "/admin/"

    # Once the database accepts writes again, the next update brings it back and clears it.
    call_command("search_index", "update")
    assert SearchEntry.objects.get(object_id=str(page.pk)).visibility == "login"
    assert not IndexFailure.objects.exists() and index_health()["ok"]


def admin_access():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename="access_admin")


def test_a_collection_made_private_while_the_index_refuses_writes_hides_its_documents(
    client, home_page, index_now
):
    collection = Collection.get_first_root_node().add_child(name="Archiwum")
    with index_now():
        make_document("Archiwalny regulamin", "r.pdf", make_pdf(["Regulamin"]), collection)
    assert api_titles(client, "regulamin") == ["Archiwalny regulamin"]
    with entry_writes_refused(), index_now():
        CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    assert api_titles(client, "regulamin") == []
    assert not SearchEntry.objects.filter(kind="document").exists()
    assert IndexFailure.objects.get().task == "reindex_collection"


def test_a_page_unpublished_while_the_index_refuses_writes_leaves_it(client, home_page, index_now):
    # Unpublishing is a deletion from the index, which the failure above does not stop.
    with index_now():
        page = add_page(home_page, "Nabór do rady seniorów", "Zgłoszenia do 30 marca.")
    with entry_writes_refused(), index_now():
        page.unpublish()
    assert api_titles(client, "nabór") == []
    assert not SearchEntry.objects.filter(object_id=str(page.pk)).exists()


def test_a_page_whose_text_cannot_be_made_is_removed_and_shown(client, home_page, index_now):
    from search.sources.pages import PAGE_EXTRAS

    with index_now():
        page = add_page(home_page, "Sprawozdanie roczne", "Działania wydziału.")

    def broken(_page):
        raise ValueError("uszkodzony blok treści")

    previous = PAGE_EXTRAS.get("pages.StandardPage")
    PAGE_EXTRAS["pages.StandardPage"] = broken
    try:
        with index_now():
            page.save_revision().publish()
    finally:
        PAGE_EXTRAS.pop("pages.StandardPage")
        if previous is not None:
            PAGE_EXTRAS["pages.StandardPage"] = previous
    assert api_titles(client, "sprawozdanie") == []
    failure = IndexFailure.objects.get()
    assert failure.task == "to_document" and "uszkodzony blok" in failure.error


def test_a_due_refresh_that_fails_removes_the_entry_and_is_shown(client, home_page, index_now):
    from datetime import timedelta

    from django.utils import timezone

    with index_now():
        page = add_page(home_page, "Konsultacje programu współpracy", "Uwagi do 30 marca.")
    SearchEntry.objects.filter(object_id=str(page.pk)).update(
        refresh_at=timezone.now() - timedelta(minutes=1)
    )
    with entry_writes_refused():
        call_command("search_index", "refresh-due")
    assert api_titles(client, "konsultacje") == []
    assert IndexFailure.objects.get().task == "refresh_due"
    call_command("search_index", "refresh-due")  # nothing due is left to loop on
