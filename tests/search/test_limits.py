"""Searches only read, are limited per address, and go no deeper than MAX_RESULTS; the
index's tables are checked against the entries and repaired by `search_index`."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

import pytest

from search import service
from search.analysis import analyse
from search.backends.schema import FTS_TABLE, VECTOR_TABLE
from search.models import SearchEntry, SearchQueryStat

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def many_entries(count):
    content_type = ContentType.objects.get_for_model(SearchEntry)
    SearchEntry.objects.bulk_create(
        SearchEntry(
            kind="page",
            content_type=content_type,
            object_id=str(number),
            title=f"Ogłoszenie {number}",
            url=f"/{number}/",
            title_terms=analyse(f"Ogłoszenie {number}"),
        )
        for number in range(count)
    )


def test_a_search_never_writes_even_with_entries_due(corpus):
    due = SearchEntry.objects.filter(title__startswith="Konsultacje")
    due.update(refresh_at=timezone.now() - timedelta(days=1), state="planned")
    with CaptureQueriesContext(connection) as queries:
        response = service.search("konsultacje budżet")
    assert response.total
    assert [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)] == []
    assert due.get().state == "planned"  # left to `search_index refresh-due`


def test_the_page_and_the_api_count_a_new_search_in_one_statement(client, corpus):
    with CaptureQueriesContext(connection) as queries:
        client.get("/szukaj/", {"q": "konsultacje"})
    # (The first page rendered also makes the site's settings row: not the search's.)
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(WRITES) and "search" in q["sql"]
    ]
    assert len(writes) == 1 and "ON CONFLICT" in writes[0]
    client.get("/api/v2/search/", {"q": "Konsultacje"})
    assert SearchQueryStat.objects.get().searches == 2


@override_settings(SEARCH_RATE_LIMIT=3, SEARCH_SUGGEST_RATE_LIMIT=2)
def test_searches_are_limited_per_address(client, corpus):
    for url in ("/szukaj/", "/api/v2/search/", "/szukaj/"):
        assert client.get(url, {"q": "konsultacje"}).status_code == 200
    page = client.get("/szukaj/", {"q": "konsultacje"})
    assert page.status_code == 429 and page["Retry-After"] == "60"
    assert "zbyt wiele wyszukiwań" in page.content.decode()
    api = client.get("/api/v2/search/", {"q": "konsultacje"})
    assert api.status_code == 429 and "zbyt wiele wyszukiwań" in api.json()["message"]
    # Another address has its own budget; suggestions have theirs.
    assert client.get("/szukaj/", {"q": "x"}, REMOTE_ADDR="10.0.0.2").status_code == 200
    for status in (200, 200, 429):
        assert client.get("/api/v2/search/suggest/", {"q": "kon"}).status_code == status
    # The empty form is not a search.
    assert client.get("/szukaj/").status_code == 200


def test_results_are_readable_to_the_500th_and_no_deeper(client, db):
    many_entries(service.MAX_RESULTS + 30)
    response = service.search("ogłoszenie", page=50)
    assert response.total == 530 and response.num_pages == 50 and response.capped
    assert len(response.results) == 10 and not response.has_next
    html = client.get("/szukaj/", {"q": "ogłoszenie", "page": 50}).content.decode()
    assert "Można przejrzeć 500 pierwszych wyników" in html and 'rel="next"' not in html
    deeper = client.get("/szukaj/", {"q": "ogłoszenie", "page": 51})
    assert deeper.status_code == 200 and "Pokazujemy najwyżej 500" in deeper.content.decode()
    last = client.get("/api/v2/search/", {"q": "ogłoszenie", "page": 17, "per_page": 30}).json()
    assert len(last["results"]) == 20 and last["num_pages"] == 17  # the 481st to the 500th
    assert (
        client.get("/api/v2/search/", {"q": "ogłoszenie", "page": 18, "per_page": 30})
        .json()["message"]
        .startswith("Dostępnych jest najwyżej 500")
    )


def test_status_finds_rows_missing_or_extra_and_repair_mends_them(corpus, capsys):
    call_command("search_index", "status")
    assert "Tabele indeksu zgodne z pozycjami." in capsys.readouterr().out
    sqlite = connection.vendor == "sqlite"
    table = f"{FTS_TABLE}_docsize" if sqlite else VECTOR_TABLE
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = (SELECT min(id) FROM {table})")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {table} SELECT id + 1000000, sz FROM {table} LIMIT 1"  # noqa: S608
            if sqlite
            else f"INSERT INTO {table} SELECT id + 1000000, facet, date, vector FROM {table} "  # noqa: S608
            "LIMIT 1"
        )
    with pytest.raises(CommandError, match="search_index repair"):
        call_command("search_index", "status")
    assert f"{FTS_TABLE if sqlite else table}: 7 wierszy, brakuje 1, zbędnych 1" in (
        capsys.readouterr().out
    )
    call_command("search_index", "repair")
    call_command("search_index", "status")
    assert "Tabele indeksu zgodne z pozycjami." in capsys.readouterr().out
