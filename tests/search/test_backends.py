"""The contract every database backend keeps, on the same corpus (SQLite in the SQLite
run, PostgreSQL in the PostgreSQL run)."""

from django.db import connection

import pytest

from search.backends import BackendQuery, get_database_backend
from search.models import SearchEntry
from search.service import analyse_query, search


def backend_query(text, **kwargs):
    parsed = analyse_query(text)
    return BackendQuery(groups=[set(g.terms) for g in parsed.groups], **kwargs)


def titles(response):
    return [result.entry.title for result in response.results]


@pytest.fixture
def backend():
    return get_database_backend()


pytestmark = pytest.mark.django_db


def test_the_backend_matches_the_database(backend):
    assert backend.name == {"sqlite": "sqlite", "postgresql": "postgresql"}[connection.vendor]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("konsultacja budżet", "Konsultacje społeczne budżetu obywatelskiego 2027"),
        ("konsultacjami budzetem", "Konsultacje społeczne budżetu obywatelskiego 2027"),
        ("organizacje pozarzadowe", "Organizacje pozarządowe w Dąbrowie Górniczej"),
        ("organizacja pozarządowa dąbrowa", "Organizacje pozarządowe w Dąbrowie Górniczej"),
        ("wklad", "Sprawozdanie z działalności wydziału"),
        ("XII/234/2026", "Uchwała nr XII/234/2026 Rady Miejskiej"),
        ("uchwała xii/234/2026", "Uchwała nr XII/234/2026 Rady Miejskiej"),
        ("0000743219", "Organizacje pozarządowe w Dąbrowie Górniczej"),
        ("743219", "Organizacje pozarządowe w Dąbrowie Górniczej"),
        ("6292456789", "Organizacje pozarządowe w Dąbrowie Górniczej"),
        ("12 446 83 19", "Centrum Aktywności Obywatelskiej"),
        ("124468319", "Centrum Aktywności Obywatelskiej"),
        ("centrum aktywnosci obywatelskiej", "Centrum Aktywności Obywatelskiej"),
        ("ZAGŁĘBIA", "Organizacje pozarządowe w Dąbrowie Górniczej"),
    ],
)
def test_inflected_and_unaccented_queries_find_their_page(corpus, query, expected):
    assert titles(search(query))[0] == expected


def test_every_word_must_match_when_some_entry_has_them_all(corpus):
    response = search("konsultacje budżet mieszkańcy")
    assert titles(response) == ["Konsultacje społeczne budżetu obywatelskiego 2027"]
    assert not response.partial


def test_without_an_entry_having_every_word_the_best_partial_matches_come(corpus):
    response = search("konsultacje kosmonauta")
    assert response.partial
    assert "Konsultacje społeczne budżetu obywatelskiego 2027" in titles(response)


def test_a_word_no_entry_has_is_left_out_before_any_word_will_do(corpus):
    # "budżetu" alone would also find the report; "obywatelskiego" with it only this page.
    response = search("budżet obywatelski kosmonauta")
    assert response.partial
    assert titles(response) == ["Konsultacje społeczne budżetu obywatelskiego 2027"]


def test_title_matches_rank_above_body_matches(corpus):
    ranked = titles(search("konsultacje"))
    assert ranked.index("Konsultacje społeczne budżetu obywatelskiego 2027") < ranked.index(
        "Sprawozdanie z działalności wydziału"
    )
    scores = [r.score for r in search("konsultacje").results]
    assert scores == sorted(scores, reverse=True)


def test_facets_count_by_type_and_ignore_the_type_filter(corpus, backend):
    result = backend.search(backend_query("organizacja"))
    assert result.kinds == {"page": result.total}
    filtered = backend.search(backend_query("organizacja", kind="document"))
    assert filtered.total == 0
    assert filtered.hits == []
    assert filtered.kinds == result.kinds


def test_facets_by_state(corpus, backend):
    entry = SearchEntry.objects.get(title__startswith="Konsultacje społeczne")
    entry.state = "open"
    entry.save()
    result = backend.search(backend_query("konsultacje"))
    assert result.states == {("page", "open"): 1}
    only_open = backend.search(backend_query("konsultacje", state="open"))
    assert only_open.total == 1
    assert [pk for pk, _score in only_open.hits] == [entry.pk]


def test_pagination_is_stable_and_complete(corpus, backend):
    first = backend.search(backend_query("organizacja", limit=2, offset=0))
    second = backend.search(backend_query("organizacja", limit=2, offset=2))
    everything = backend.search(backend_query("organizacja", limit=50))
    assert [h[0] for h in first.hits + second.hits] == [h[0] for h in everything.hits][:4]
    beyond = backend.search(backend_query("organizacja", offset=100))
    assert beyond.hits == [] and beyond.total == everything.total


def test_visibility_filters_restricted_entries(corpus, backend):
    public = backend.search(backend_query("procedury"))
    assert public.total == 0
    logged_in = backend.search(backend_query("procedury", visibilities=("public", "login")))
    assert logged_in.total == 1


def test_empty_query_finds_nothing(corpus, backend):
    assert backend.search(BackendQuery(groups=[])).total == 0
    assert search("").results == []


def test_autocomplete_completes_the_last_word_of_titles(corpus, backend):
    parsed = analyse_query("organizacje")
    ids = backend.autocomplete([set(g.terms) for g in parsed.groups], "pozarz", ("public",), 5)
    assert [SearchEntry.objects.get(pk=pk).title for pk in ids] == [
        "Organizacje pozarządowe w Dąbrowie Górniczej"
    ]
    assert backend.autocomplete([], "uchw", ("public",), 5)
    assert backend.autocomplete([], "procedur", ("public",), 5) == []


def test_excerpts_mark_the_matched_forms_in_the_original_text(corpus):
    result = search("konsultacja budzet").results[0]
    assert "<mark>konsultacjach</mark>" in result.excerpt or "<mark>Konsultacje</mark>" in (
        result.title_html
    )
    report = next(r for r in search("konsultacja").results if r.entry.title.startswith("Spraw"))
    assert "<mark>konsultacje</mark>" in report.excerpt
    phone = search("124468319").results[0]
    assert "<mark>12 446 83 19</mark>" in phone.excerpt


def test_a_typo_is_corrected_in_the_form_typed_and_exact_search_offers_did_you_mean(corpus):
    response = search("konsulatcje")
    assert response.corrected == "konsultacje" and response.total > 0
    response = search("konsulatcje", exact=True)
    assert response.total == 0 and not response.corrected
    assert response.suggestion == "konsultacja"
    assert search("qwertyuiop").suggestion == ""


def test_the_fulltext_structures_survive_later_migrations():
    from search.backends.schema import ensure_schema

    # Created by 0002, kept (or put back by post_migrate) after 0003 changed the table.
    assert ensure_schema(connection) is False
