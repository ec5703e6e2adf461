"""Elasticsearch, for when one machine is not enough: a mirror of SearchEntry.

Built with `elasticsearch.dsl` (what the card's `elasticsearch-dsl` now is). The text is
analysed in Python (search.analysis) exactly as for the database backends, so the
index only splits on whitespace: no Polish plugin is needed on the cluster, and every
backend finds the same things. When the cluster does not answer, the service falls
back to the database (which always holds the full index) and logs it; for a while
afterwards the cluster is not asked again, so pages do not wait on its timeout.
"""

import logging
import time

from django.conf import settings

from elasticsearch import ApiError, Elasticsearch, TransportError, helpers
from elasticsearch.dsl import Date, Document, Index, Keyword, Q, Search, Text, analyzer

from search.backends.base import BackendQuery, BackendResult, BackendUnavailable, SearchBackend
from search.models import SearchEntry

logger = logging.getLogger(__name__)

FIELD_BOOSTS = ("title_terms^10", "ident_terms^10", "summary_terms^4", "body_terms")
RETRY_AFTER_SECONDS = 30
TERMS = analyzer("portal_terms", tokenizer="whitespace")

_clients: dict[str, Elasticsearch] = {}
_down_until = 0.0


class EntryDocument(Document):
    """The mapping: pre-analysed term fields plus keyword facets."""

    kind = Keyword()
    state = Keyword()
    visibility = Keyword()
    date = Date()
    indexed_at = Date()
    title_terms = Text(analyzer=TERMS, index_prefixes={"min_chars": 1, "max_chars": 10})
    ident_terms = Text(analyzer=TERMS)
    summary_terms = Text(analyzer=TERMS)
    body_terms = Text(analyzer=TERMS)


def index_name() -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}-search-entries"


def build_index(name: str | None = None) -> Index:
    index = Index(name or index_name())
    index.settings(number_of_shards=1, number_of_replicas=getattr(settings, "ES_REPLICAS", 0))
    index.document(EntryDocument)
    return index


def entry_source(entry) -> dict:
    return {
        "kind": entry.kind,
        "state": entry.state,
        "visibility": entry.visibility,
        "date": entry.date.isoformat() if entry.date else None,
        "indexed_at": entry.indexed_at.isoformat() if entry.indexed_at else None,
        "title_terms": entry.title_terms,
        "ident_terms": entry.ident_terms,
        "summary_terms": entry.summary_terms,
        "body_terms": entry.body_terms,
    }


def bulk_actions(entries, name: str):
    for entry in entries:
        yield {"_op_type": "index", "_index": name, "_id": entry.pk, "_source": entry_source(entry)}


def group_query(terms: set, fields=FIELD_BOOSTS, fuzzy: bool = False) -> Q:
    """Any of TERMS; a tuple among them is a synonym of several words (all must match).
    FUZZY: terms within Elasticsearch's AUTO edit distance match too (typos)."""
    words = sorted(t for t in terms if isinstance(t, str))
    options = {"fuzziness": "AUTO", "prefix_length": 1} if fuzzy else {}
    should = []
    if words:
        should.append(
            Q("multi_match", query=" ".join(words), fields=list(fields), operator="or", **options)
        )
    for conjunction in sorted((t for t in terms if not isinstance(t, str)), key=str):
        should.append(
            Q("bool", must=[group_query(set(word), fields, fuzzy) for word in conjunction])
        )
    return should[0] if len(should) == 1 else Q("bool", should=should, minimum_should_match=1)


def build_search(query: BackendQuery, name: str | None = None) -> Search:
    """The request body for QUERY: scored groups, visibility filter, facets before the
    kind/state filter (post_filter), best first."""
    groups = [group_query(terms, fuzzy=query.fuzzy) for terms in query.groups]
    if query.operator == "and":
        text = Q("bool", must=groups)
    else:
        text = Q("bool", should=groups, minimum_should_match=1)
    search = Search(index=name or index_name()).query(
        Q("bool", must=[text], filter=[Q("terms", visibility=list(query.visibilities))])
    )
    post = []
    if query.kind:
        post.append(Q("term", kind=query.kind))
    if query.kinds:
        post.append(Q("terms", kind=list(query.kinds)))
    if query.state:
        post.append(Q("term", state=query.state))
    if post:
        search = search.post_filter(Q("bool", filter=post))
    search.aggs.bucket("kinds", "terms", field="kind", size=50).bucket(
        "states", "terms", field="state", size=50
    )
    search = search.sort("_score", {"date": {"order": "desc", "missing": "_last"}})
    search = search.extra(track_total_hits=True, _source=False)
    return search[query.offset : query.offset + query.limit]


def build_autocomplete(groups, prefix, visibilities, limit, name=None) -> Search:
    must = [Q("match", title_terms=" ".join(sorted(g))) for g in groups if g]
    if prefix:
        must.append(Q("prefix", title_terms=prefix))
    search = Search(index=name or index_name()).query(
        Q("bool", must=must, filter=[Q("terms", visibility=list(visibilities))])
    )
    return search.extra(_source=False)[:limit]


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"
    mirrors = True

    def __init__(self, client: Elasticsearch, name: str | None = None, refresh=False):
        self.client = client
        self.index = name or index_name()
        self.refresh = refresh

    @classmethod
    def from_settings(cls) -> "ElasticsearchBackend":
        url = settings.ELASTICSEARCH_URL
        if url not in _clients:
            _clients[url] = Elasticsearch(
                url,
                request_timeout=getattr(settings, "ELASTICSEARCH_TIMEOUT", 2.0),
                max_retries=0,
                retry_on_timeout=False,
            )
        return cls(_clients[url], refresh=getattr(settings, "ELASTICSEARCH_REFRESH", False))

    def _call(self, what, function, *args, **kwargs):
        global _down_until
        if time.monotonic() < _down_until:
            raise BackendUnavailable(f"Elasticsearch niedostępny ({what}), ponowna próba później")
        try:
            return function(*args, **kwargs)
        except (TransportError, ApiError) as exc:
            _down_until = time.monotonic() + RETRY_AFTER_SECONDS
            raise BackendUnavailable(f"Elasticsearch: {what}: {exc}") from exc

    def search(self, query: BackendQuery) -> BackendResult:
        if not query.groups:
            return BackendResult([], 0)
        body = build_search(query, self.index).to_dict()
        response = self._call(
            "search",
            self.client.search,
            index=self.index,
            body=body,
        )
        kinds, states = {}, {}
        for bucket in response["aggregations"]["kinds"]["buckets"]:
            kinds[bucket["key"]] = bucket["doc_count"]
            for sub in bucket["states"]["buckets"]:
                if sub["key"]:
                    states[(bucket["key"], sub["key"])] = sub["doc_count"]
        hits = [
            (int(hit["_id"]), round(float(hit["_score"] or 0), 4))
            for hit in response["hits"]["hits"]
        ]
        return BackendResult(hits, response["hits"]["total"]["value"], kinds, states)

    def autocomplete(self, groups, prefix, visibilities, limit):
        body = build_autocomplete(groups, prefix, visibilities, limit, self.index).to_dict()
        response = self._call("autocomplete", self.client.search, index=self.index, body=body)
        return [int(hit["_id"]) for hit in response["hits"]["hits"]]

    def ensure_index(self) -> None:
        if not self._call("exists", self.client.indices.exists, index=self.index):
            build_index(self.index).create(using=self.client)

    def index_entries(self, entries) -> None:
        entries = list(entries)
        if not entries:
            return
        self.ensure_index()
        self._call(
            "bulk",
            helpers.bulk,
            self.client,
            bulk_actions(entries, self.index),
            refresh="wait_for" if self.refresh else False,
        )

    def remove_entries(self, ids) -> None:
        actions = ({"_op_type": "delete", "_index": self.index, "_id": pk} for pk in ids)
        self._call(
            "bulk delete",
            helpers.bulk,
            self.client,
            actions,
            raise_on_error=False,
            refresh="wait_for" if self.refresh else False,
        )

    def reset(self) -> None:
        self._call(
            "delete index", self.client.indices.delete, index=self.index, ignore_unavailable=True
        )
        build_index(self.index).create(using=self.client)

    def sync_from_database(self, since=None) -> None:
        """Copy every entry of the database here; drop what the database no longer has."""

        if since is None:
            self.reset()
        else:
            self.ensure_index()
        queryset = SearchEntry.objects.order_by("pk").iterator(chunk_size=1000)
        self._call(
            "bulk", helpers.bulk, self.client, bulk_actions(queryset, self.index), chunk_size=500
        )
        if since is not None:
            # Every entry still in the database was re-indexed after SINCE.
            self._call(
                "delete stale",
                self.client.delete_by_query,
                index=self.index,
                query={"range": {"indexed_at": {"lt": since.isoformat()}}},
                conflicts="proceed",
            )
        self._call("refresh", self.client.indices.refresh, index=self.index)

    def status(self) -> dict:
        count = self._call("count", self.client.count, index=self.index)["count"]
        return {"backend": self.name, "index": self.index, "documents": count}
