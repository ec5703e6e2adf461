"""The registries in the site search: published records, linked to their pages."""

import csv
import io
from datetime import timedelta

from django.utils import timezone

import pytest

from search.models import SearchEntry
from snippets import ngo_table
from snippets.models import GrantCall
from snippets.ngo_import import import_ngos
from tests.factories.registry import GrantCallFactory, NGOFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_now(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def found(client, query, **params):
    response = client.get("/api/v2/search/", {"q": query, **params})
    return [(r["title"], r["url"], r["type"]) for r in response.json()["results"]]


def test_published_organisations_are_found_by_name_and_number(client, directory, index_now):
    with index_now():
        ngo = NGOFactory(name="Stowarzyszenie Miłośników Pogorii", krs="0000123456")
        ngo.save_revision().publish()
        NGOFactory(name="Stowarzyszenie Pogorii w szkicu", live=False)
    expected = [(ngo.name, f"http://testserver/organizacje/{ngo.slug}/", "ngo")]
    assert found(client, "milosnikow pogorii") == expected
    assert found(client, "0000123456") == expected
    assert not SearchEntry.objects.filter(title__contains="w szkicu").exists()


def test_unpublishing_removes_an_organisation(client, directory, index_now):
    with index_now():
        ngo = NGOFactory(name="Fundacja Znikająca")
        ngo.save_revision().publish()
    assert found(client, "znikajaca")
    with index_now():
        ngo.unpublish()
    assert found(client, "znikajaca") == []


def test_grant_calls_are_found_with_their_state(client, calls_page, index_now):
    now = timezone.now()
    with index_now():
        GrantCallFactory(title="Konkurs na półkolonie", slug="polkolonie")
        GrantCallFactory(
            title="Konkurs na kolonie",
            slug="kolonie",
            announced_at=now - timedelta(days=90),
            offers_due_at=now - timedelta(days=60),
            results_published_at=now - timedelta(days=30),
        )
    assert found(client, "polkolonie") == [
        ("Konkurs na półkolonie", "http://testserver/konkursy/polkolonie/", "grant_call")
    ]
    resolved = SearchEntry.objects.get(url="/konkursy/kolonie/")
    assert resolved.state == "resolved"
    assert resolved.refresh_at is None  # nothing left to change by the clock
    # An open call is open until its deadline, when the search re-indexes it.
    open_call = SearchEntry.objects.get(url="/konkursy/polkolonie/")
    assert open_call.state == "open"
    assert open_call.refresh_at == GrantCall.objects.get(slug="polkolonie").offers_due_at


def test_without_a_public_directory_nothing_is_indexed(client, home_page, index_now):
    with index_now():
        NGOFactory(name="Fundacja Bez Strony")
    assert found(client, "fundacja bez strony") == []


def test_an_import_goes_into_the_search(client, directory, index_now):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ngo_table.COLUMN_NAMES)
    writer.writeheader()
    writer.writerow(
        {
            "nazwa": "Fundacja Importowana Wyszukiwalna",
            "forma_prawna": "fundacja",
            "krs": "0000000077",
        }
    )
    with index_now():
        assert import_ngos(buffer.getvalue().encode()).ok
    assert [title for title, _url, _kind in found(client, "wyszukiwalna")] == [
        "Fundacja Importowana Wyszukiwalna"
    ]
