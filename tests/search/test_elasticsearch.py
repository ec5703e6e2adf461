"""Elasticsearch: mapping, settings, bulk actions and query bodies built without a server;
the fallback to the database when the cluster is down; live tests with ELASTICSEARCH_URL."""

import os

from django.test import override_settings

import pytest

from search.backends import BackendQuery, BackendUnavailable, get_backend
from search.backends.elasticsearch import (
    ElasticsearchBackend,
    build_autocomplete,
    build_index,
    build_search,
    bulk_actions,
)
from search.models import SearchEntry
from search.service import search

DOWN = {"SEARCH_BACKEND": "elasticsearch", "ELASTICSEARCH_URL": "http://127.0.0.1:9"}


def test_the_mapping_splits_pre_analysed_terms_on_whitespace_only():
    index = build_index("test-entries").to_dict()
    analysis = index["settings"]["analysis"]["analyzer"]["portal_terms"]
    assert analysis == {"type": "custom", "tokenizer": "whitespace"}
    properties = index["mappings"]["properties"]
    for name in ("title_terms", "ident_terms", "summary_terms", "body_terms"):
        assert properties[name]["type"] == "text"
        assert properties[name]["analyzer"] == "portal_terms"
    assert properties["title_terms"]["index_prefixes"] == {"min_chars": 1, "max_chars": 10}
    for name in ("kind", "state", "visibility"):
        assert properties[name] == {"type": "keyword"}
    assert properties["date"] == {"type": "date"}


def test_the_query_body_ands_groups_filters_visibility_and_keeps_facets_unfiltered():
    query = BackendQuery(
        groups=[{"konsultacja", "konsultacje"}, {"budzet"}],
        visibilities=("public",),
        kind="page",
        state="open",
        offset=20,
        limit=10,
    )
    body = build_search(query, "idx").to_dict()
    must = body["query"]["bool"]["must"][0]["bool"]["must"]
    assert must[0]["multi_match"]["query"] == "konsultacja konsultacje"
    assert must[0]["multi_match"]["fields"][0] == "title_terms^10"
    assert must[1]["multi_match"]["query"] == "budzet"
    assert body["query"]["bool"]["filter"] == [{"terms": {"visibility": ["public"]}}]
    # Type and state filter the hits, not the facet counts.
    assert body["post_filter"] == {
        "bool": {"filter": [{"term": {"kind": "page"}}, {"term": {"state": "open"}}]}
    }
    assert body["aggs"]["kinds"]["terms"]["field"] == "kind"
    assert body["aggs"]["kinds"]["aggs"]["states"]["terms"]["field"] == "state"
    assert body["from"] == 20 and body["size"] == 10
    assert body["track_total_hits"] is True


def test_kinds_filter_after_the_facets():
    body = build_search(BackendQuery(groups=[{"a"}], kinds=("page", "event")), "idx").to_dict()
    assert body["post_filter"] == {"bool": {"filter": [{"terms": {"kind": ["page", "event"]}}]}}


def test_total_counts_only_the_kinds_admitted():
    from search.backends.base import total_for

    kinds = {"page": 3, "event": 2, "ngo": 7}
    states = {("event", "open"): 1, ("ngo", "open"): 4}
    assert total_for(BackendQuery(groups=[], kinds=("page", "event")), kinds, states) == 5
    assert total_for(BackendQuery(groups=[], kinds=("event",), state="open"), kinds, states) == 1
    assert total_for(BackendQuery(groups=[]), kinds, states) == 12


def test_the_or_query_needs_one_group():
    body = build_search(BackendQuery(groups=[{"a"}, {"b"}], operator="or"), "idx").to_dict()
    inner = body["query"]["bool"]["must"][0]["bool"]
    assert len(inner["should"]) == 2 and inner["minimum_should_match"] == 1


def test_autocomplete_body_uses_the_title_prefixes():
    body = build_autocomplete([{"organizacja"}], "pozarz", ("public",), 5, "idx").to_dict()
    must = body["query"]["bool"]["must"]
    assert must == [
        {"match": {"title_terms": "organizacja"}},
        {"prefix": {"title_terms": "pozarz"}},
    ]
    assert body["size"] == 5


@pytest.mark.django_db
def test_bulk_actions_carry_the_analysed_entry(corpus):
    entry = SearchEntry.objects.filter(visibility="public").first()
    (action,) = list(bulk_actions([entry], "idx"))
    assert action["_id"] == entry.pk and action["_index"] == "idx"
    assert action["_source"]["title_terms"] == entry.title_terms
    assert action["_source"]["visibility"] == "public"


@pytest.mark.django_db
def test_search_falls_back_to_the_database_when_elasticsearch_is_down(corpus, caplog):
    with override_settings(**DOWN):
        assert isinstance(get_backend(), ElasticsearchBackend)
        response = search("organizacje pozarzadowe")
    assert response.backend in ("sqlite", "postgresql")
    assert response.results[0].entry.title == "Organizacje pozarządowe w Dąbrowie Górniczej"
    assert "Elasticsearch" in caplog.text and "bazie danych" in caplog.text


@pytest.mark.django_db
def test_a_backend_marked_down_is_not_asked_again_at_once(corpus):
    with override_settings(**DOWN):
        backend = get_backend()
        with pytest.raises(BackendUnavailable):
            backend.search(BackendQuery(groups=[{"x"}]))
        with pytest.raises(BackendUnavailable, match="ponowna próba"):
            backend.search(BackendQuery(groups=[{"x"}]))


live = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="needs a live Elasticsearch (ELASTICSEARCH_URL)"
)


@live
@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_live_elasticsearch_keeps_the_contract(corpus):
    url = os.environ["ELASTICSEARCH_URL"]
    with override_settings(
        SEARCH_BACKEND="elasticsearch",
        ELASTICSEARCH_URL=url,
        SEARCH_INDEX_PREFIX="dgngo-test",
        ELASTICSEARCH_REFRESH=True,
    ):
        backend = get_backend()
        backend.sync_from_database()
        response = search("organizacje pozarzadowe")
        assert response.backend == "elasticsearch"
        assert response.results[0].entry.title == "Organizacje pozarządowe w Dąbrowie Górniczej"
        assert search("12 446 83 19").results[0].entry.title == ("Centrum Aktywności Obywatelskiej")
        assert search("procedury").total == 0
        backend.client.indices.delete(index=backend.index)
