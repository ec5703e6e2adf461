"""Search quality on the project's own corpus (tests/search/quality_corpus.py): recall@10
and MRR per query category, on whichever database the suite runs (SQLite, PostgreSQL).
bench/search_quality.py prints the same figures."""

from django.db import connection, transaction

import pytest

from search.models import SearchSynonym
from search.service import search
from tests.search.quality_corpus import PHRASE_NEGATIVES, QUERIES, evaluate, index_corpus


@pytest.fixture(scope="module")
def keys(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield index_corpus()
        transaction.set_rollback(True)


def by_key(keys):
    return {key: pk for pk, key in keys.items()}


@pytest.mark.django_db
def test_every_category_finds_its_answers_first(keys):
    figures = evaluate(search, keys)
    assert set(figures) == {category for category, _q, _r in QUERIES}
    table = "\n".join(
        f"{category:20} {stats['queries']:3} recall@10 {stats['recall']:.3f} "
        f"MRR {stats['mrr']:.3f} {stats['misses']}"
        for category, stats in figures.items()
    )
    print(f"\n{connection.vendor}\n{table}")  # shown with -s; the benchmark prints it too
    for stats in figures.values():
        assert stats["recall"] >= 0.95 and stats["mrr"] >= 0.9, table


@pytest.mark.django_db
def test_a_phrase_needs_its_words_together_and_in_order(keys):
    for query, wrong in PHRASE_NEGATIVES.items():
        found = {keys[r.entry.pk] for r in search(query, per_page=50).results}
        assert found and not found & wrong
    # Without quotes the same words find the distractors too.
    loose = {keys[r.entry.pk] for r in search("budżet obywatelski", per_page=50).results}
    assert "festyn" in loose
    reversed_words = search('"obywatelski budżet"')
    assert reversed_words.partial or reversed_words.total == 0


@pytest.mark.django_db
def test_a_typo_is_searched_corrected_and_said_so(keys):
    response = search("sprawozdnie")
    assert response.corrected == "sprawozdanie"
    assert keys[response.results[0].entry.pk] == "sprawozdanie"
    assert search("konsulatcje programu").corrected == "konsultacje programu"
    # A word the dictionary does not know but the index has is never "corrected".
    assert not search("Wierzchołowicz").corrected
    assert search("sprawozdnie", exact=True).total == 0


@pytest.mark.django_db
def test_synonyms_are_the_editors_and_take_effect_at_once(keys):
    assert search("regulamin bo").total >= 1  # "bo" kept: it is a known abbreviation
    first = search("CAO").results[0]
    assert keys[first.entry.pk] == "cao" and "<mark>" in first.title_html
    assert search("PSZ").total == 0
    SearchSynonym.objects.create(terms="PSZ, pomoc prawna")
    assert keys[search("PSZ").results[0].entry.pk] == "pomoc_prawna"


@pytest.mark.django_db
def test_identifiers_are_highlighted_as_written(keys):
    excerpt = search("567/26").results[0].excerpt
    assert "<mark>XLII/567/2026</mark>" in excerpt or "<mark>567/2026</mark>" in excerpt
    assert "<mark>cao@um-zalesie.pl</mark>" in search("cao@um-zalesie.pl").results[0].excerpt
    phone = search("32 262 45 18").results[0].excerpt
    assert "<mark>32 262 45 18</mark>" in phone


@pytest.mark.django_db
def test_the_page_says_what_it_searched_and_links_to_the_exact_query(client, keys):
    text = client.get("/szukaj/", {"q": "sprawozdnie"}).content.decode()
    assert "Pokazujemy wyniki dla: <strong>sprawozdanie</strong>" in text
    assert "?q=sprawozdnie&amp;dokladnie=1" in text
    exact = client.get("/szukaj/", {"q": "sprawozdnie", "dokladnie": "1"}).content.decode()
    assert "Pokazujemy wyniki dla" not in exact and "Czy chodziło Ci o" in exact
