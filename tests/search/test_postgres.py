"""PostgreSQL's own structures: the vector table follows the entries, and ranking comes
in tiers (title, head, body). Their migration: test_schema.py."""

from datetime import UTC, datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection

import pytest

from search.analysis import analyse
from search.backends import BackendQuery
from search.backends.postgres import PostgresBackend
from search.backends.schema import FACET_TABLE, TABLE, TITLE_TABLE, VECTOR_TABLE
from search.models import SearchEntry
from search.service import analyse_query

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def entry(number, title, summary="", body="", date=None, **fields):
    return SearchEntry.objects.create(
        kind=fields.pop("kind", "page"),
        content_type=ContentType.objects.get_for_model(SearchEntry),
        object_id=str(number),
        title=title,
        url=f"/{number}/",
        summary=summary,
        body=body,
        date=date,
        title_terms=analyse(title),
        summary_terms=analyse(summary),
        body_terms=analyse(body),
        **fields,
    )


def query(text, **kwargs):
    return BackendQuery(groups=[set(g.terms) for g in analyse_query(text).groups], **kwargs)


def vector_rows():
    """(id, kind, state, visibility) of the vector table, which the title table mirrors."""
    rows = {}
    with connection.cursor() as cursor:
        for table in (VECTOR_TABLE, TITLE_TABLE):
            cursor.execute(
                f"SELECT v.id, f.kind, f.state, f.visibility FROM {table} v "  # noqa: S608
                f"JOIN {FACET_TABLE} f ON f.id = v.facet ORDER BY v.id"
            )
            rows[table] = cursor.fetchall()
    assert rows[VECTOR_TABLE] == rows[TITLE_TABLE]
    return rows[VECTOR_TABLE]


def test_the_vector_table_follows_inserts_updates_deletes_and_truncate():
    first = entry(1, "Konsultacje budżetu")
    second = entry(2, "Sprawozdanie", body="Konsultacje w dzielnicach.")
    assert vector_rows() == [(first.pk, "page", "", "public"), (second.pk, "page", "", "public")]
    backend = PostgresBackend()
    assert backend.search(query("dzielnica")).total == 1

    second.state, second.body, second.body_terms = "open", "Festyn", analyse("Festyn")
    second.save()
    assert vector_rows()[1] == (second.pk, "page", "open", "public")
    assert backend.search(query("dzielnica")).total == 0
    assert backend.search(query("festyn")).states == {("page", "open"): 1}

    first.delete()
    assert [row[0] for row in vector_rows()] == [second.pk]
    with connection.cursor() as cursor:  # what Django's flush does, between test cases
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks may be pending
        cursor.execute(f"TRUNCATE {TABLE}")
    assert vector_rows() == []


def test_title_matches_come_first_then_head_matches_then_ranked_body_matches():
    old, new = datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)
    body_a = entry(1, "Sprawozdanie roczne", body="Festyn sąsiedzki w parku.", date=new)
    body_b = entry(2, "Ogłoszenie", body="Festyny sąsiedzkie w parkach.", date=new)
    body_old = entry(3, "Komunikat", body="Festyn sąsiedzki.", date=old)
    summary = entry(4, "Lato w mieście", summary="Festyn sąsiedzki dla mieszkańców.")
    title = entry(5, "Festyn sąsiedzki", body="Zapraszamy.", date=old)
    identifier = entry(6, "Regulamin", identifiers="FESTYN-SĄSIEDZKI", kind="grant_call")
    identifier.ident_terms = analyse(identifier.identifiers)
    identifier.save()
    backend = PostgresBackend()

    everything = backend.search(query("festyn sąsiedzki", limit=50))
    ids = [pk for pk, _score in everything.hits]
    assert ids[:2] in ([title.pk, identifier.pk], [identifier.pk, title.pk])
    assert ids[2] == summary.pk
    assert set(ids[3:]) == {body_a.pk, body_b.pk, body_old.pk}
    scores = [score for _pk, score in everything.hits]
    assert scores[1] >= 1 > scores[2]
    assert scores[3:] == sorted(scores[3:], reverse=True) and scores[3] > 0

    pages = [backend.search(query("festyn sąsiedzki", offset=n, limit=2)).hits for n in (0, 2, 4)]
    assert [pk for page in pages for pk, _score in page] == ids
    assert everything.total == 6 and everything.kinds == {"page": 5, "grant_call": 1}
    only_pages = backend.search(query("festyn sąsiedzki", kind="page", offset=1, limit=2))
    assert [pk for pk, _score in only_pages.hits] == ids[2:4]


def test_titles_and_bodies_rank_by_how_well_they_match_not_by_date(monkeypatch):
    from search.backends import postgres

    old, new = datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)
    loose_title = entry(1, "Rada seniorów: plan pracy na rok z budżetem", date=new)
    close_title = entry(2, "Budżet rady seniorów", date=old)
    text = "Opis zadania. " * 40
    scattered = entry(3, "Komunikat", body=f"Rada {text} seniorów {text} budżet.", date=new)
    dense = entry(
        4, "Informacja", body="Budżet rady seniorów. Rada seniorów uchwala budżet.", date=old
    )
    backend = PostgresBackend()
    ids = [pk for pk, _ in backend.search(query("budżet rady seniorów", limit=10)).hits]
    assert ids == [close_title.pk, loose_title.pk, dense.pk, scattered.pk]
    # A common word's body tier is too large to rank: newest first then.
    monkeypatch.setattr(postgres, "RANK_LIMIT", 1)
    ids = [pk for pk, _ in backend.search(query("budżet rady seniorów", limit=10)).hits]
    assert ids[2:] == [scattered.pk, dense.pk]


def test_any_match_and_autocomplete_read_the_new_structures():
    entry(1, "Centrum Aktywności Obywatelskiej", body="Doradztwo dla organizacji.")
    entry(2, "Procedury", body="Obieg dokumentów.", visibility="login")
    backend = PostgresBackend()
    assert backend.any_match(query("doradztwo"))
    assert not backend.any_match(query("obieg"))
    assert backend.any_match(query("obieg", visibilities=("public", "login")))
    assert not backend.any_match(query("kosmonauta"))
    groups = [set(g.terms) for g in analyse_query("centrum").groups]
    assert len(backend.autocomplete(groups, "aktyw", ("public",), 5)) == 1
    assert backend.autocomplete([], "doradz", ("public",), 5) == []  # body words do not count


def test_terms_match_as_they_are_not_as_the_text_parser_reads_numbers():
    # PostgreSQL's parser reads "123e4e5" as the number 123e4 and the word e5.
    found = entry(1, "Zestaw 123e4e5", body="Wariant 12e5x.")
    backend = PostgresBackend()
    for text in ("123e4e5", "12e5x"):
        assert [pk for pk, _score in backend.search(query(text)).hits] == [found.pk]
    assert backend.search(query("123e4")).total == 0
