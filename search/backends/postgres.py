"""PostgreSQL full-text search over the structures of search.backends.schema.

Matching, facet counts and the title tier read narrow tables, so they cost little even
when most of the index matches. Ranking never computes a score for every match of a
common word: results come in three tiers, each ordered within itself,

1. every query word in the title or identifiers: 1 + ts_rank_cd of the title vector
   (positions: titles with the words close together and short titles first),
2. every query word in the title, identifiers or summary: ts_rank of the head vector
   (A title and identifiers, B summary),
3. the rest (some word only in the body): ts_rank_cd of the rank vector (title and
   identifiers A, summary B, the body's first 1,000 terms D) when at most RANK_LIMIT
   entries are in this tier, else newest first (score 0);

and a tier is read only when the ones above it do not fill the page.
"""

from django.db import connection

from search.backends.base import BackendQuery, BackendResult, SearchBackend, total_for
from search.backends.schema import FACET_TABLE, RANK_TABLE, TABLE, TITLE_TABLE, VECTOR_TABLE

# ts_rank normalisation 1: divide by 1 + log(length), so long titles do not win on size;
# 32: rank / (rank + 1), into [0, 1), so that the tiers' scores never overlap. The title
# tier ranks by the title alone: it is the large one, and ranking a vector with many
# positions costs several times more.
TITLE_RANK = "1 + ts_rank_cd(vector, q, 1 | 32)"
BODY_RANK = "ts_rank_cd(r.vector, q, 1 | 32)"
# Ranking reads each entry's rank vector (up to about 1,000 positions): fine for a few hundred
# entries; a common word's body tier (most of the index) comes newest first instead.
RANK_LIMIT = 400
HEAD_RANK = "ts_rank(head_vector, q, 1 | 32)"
ORDER = "ORDER BY rank DESC, date DESC NULLS LAST, id"


def tsquery(groups: list[set[str]], operator: str = "and", weights: str = "") -> str:
    """The tsquery text ('a' | 'b') & 'c', to be cast as it is (never through the text
    parser): the index holds the terms themselves. Terms are [a-z0-9]+, so quoting is
    all the escaping they need. WEIGHTS ('A') restricts every term to those parts."""
    suffix = f":{weights}" if weights else ""

    def alternative(term) -> str:
        if isinstance(term, str):
            return f"'{term}'{suffix}"
        # A synonym of several words: a tuple of term sets, all of which must match.
        words = [" | ".join(f"'{t}'{suffix}" for t in sorted(word)) for word in term]
        return "(" + " & ".join(f"({w})" for w in words) + ")"

    parts = []
    for terms in groups:
        alternatives = " | ".join(alternative(term) for term in sorted(terms, key=str))
        parts.append(f"({alternatives})" if len(terms) > 1 else alternatives)
    return (" & " if operator == "and" else " | ").join(parts)


def _filters(query: BackendQuery) -> tuple[str, list]:
    """Visibility, kind and state, as columns of the entry table."""
    sql = ["visibility = ANY(%s)"]
    params: list = [list(query.visibilities)]
    if query.kind:
        sql.append("kind = %s")
        params.append(query.kind)
    if query.kinds:
        sql.append("kind = ANY(%s)")
        params.append(list(query.kinds))
    if query.state:
        sql.append("state = %s")
        params.append(query.state)
    return " AND ".join(sql), params


def _facet_filter(query: BackendQuery) -> tuple[str, list]:
    """The same for the vector table: the numbers of the facets that pass."""
    where, params = _filters(query)
    return f"facet = ANY(ARRAY(SELECT id FROM {FACET_TABLE} WHERE {where}))", params  # noqa: S608


class PostgresBackend(SearchBackend):
    name = "postgresql"

    def search(self, query: BackendQuery) -> BackendResult:
        if not query.groups:
            return BackendResult([], 0)
        text = tsquery(query.groups, query.operator)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT * FROM search_entry_facets(%s::tsquery, %s)",
                [text, list(query.visibilities)],
            )
            kinds, states = {}, {}
            for kind, state, count in cursor.fetchall():
                kinds[kind] = kinds.get(kind, 0) + count
                if state:
                    states[(kind, state)] = count
            total = total_for(query, kinds, states)
            hits = []
            if total and query.offset < total:
                hits = self._page(cursor, query, text, total)
        return BackendResult(hits, total, kinds, states)

    def _page(self, cursor, query: BackendQuery, text: str, total: int) -> list[tuple[int, float]]:
        """The hits of QUERY's page, tier by tier (see the module's docstring)."""
        wanted = query.offset + query.limit
        where, params = _filters(query)
        in_facets, facet_params = _facet_filter(query)
        ranked: list[tuple[int, float]] = []
        # In the head vector the title and identifiers are A: a match there is tier 1's.
        in_title = tsquery(query.groups, query.operator, "A")
        tiers = [
            (
                f"SELECT id, {TITLE_RANK} AS rank FROM {TITLE_TABLE}, CAST(%s AS tsquery) q "  # noqa: S608
                f"WHERE vector @@ q AND {in_facets}",
                [text, *facet_params],
            ),
            (
                f"SELECT id, {HEAD_RANK} AS rank FROM {TABLE}, CAST(%s AS tsquery) q "  # noqa: S608
                f"WHERE head_vector @@ q AND NOT head_vector @@ %s::tsquery AND {where}",
                [text, in_title, *params],
            ),
        ]
        for sql, sql_params in tiers:
            cursor.execute(f"{sql} {ORDER} LIMIT %s", [*sql_params, wanted - len(ranked)])
            ranked.extend(cursor.fetchall())
            if len(ranked) >= wanted:
                return self._slice(ranked, query)
        # A tier that gave fewer rows than asked gave all it has: so every entry of the
        # first two is in RANKED now, and the rest are TOTAL minus those.
        seen = [pk for pk, _score in ranked]
        if total - len(ranked) <= RANK_LIMIT:
            cursor.execute(
                f"SELECT v.id, {BODY_RANK} AS rank "  # noqa: S608
                f"FROM {VECTOR_TABLE} v JOIN {RANK_TABLE} r USING (id), CAST(%s AS tsquery) q "
                f"WHERE v.vector @@ q AND {in_facets} AND NOT v.id = ANY(%s) "
                "ORDER BY rank DESC, v.date DESC NULLS LAST, v.id LIMIT %s",
                [text, *facet_params, seen, wanted - len(ranked)],
            )
            ranked.extend(cursor.fetchall())
            return self._slice(ranked, query)
        cursor.execute(
            f"SELECT id FROM {VECTOR_TABLE} "  # noqa: S608
            f"WHERE vector @@ %s::tsquery AND {in_facets} AND NOT id = ANY(%s) "
            "ORDER BY date DESC NULLS LAST, id LIMIT %s",
            [text, *facet_params, seen, wanted - len(ranked)],
        )
        ranked.extend((row[0], 0.0) for row in cursor.fetchall())
        return self._slice(ranked, query)

    @staticmethod
    def _slice(ranked, query: BackendQuery) -> list[tuple[int, float]]:
        return [(pk, round(float(score), 4)) for pk, score in ranked[query.offset :]]

    def any_match(self, query: BackendQuery) -> bool:
        if not query.groups:
            return False
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT search_entry_any(%s::tsquery, %s)",
                [tsquery(query.groups, query.operator), list(query.visibilities)],
            )
            return cursor.fetchone()[0]

    def autocomplete(self, groups, prefix, visibilities, limit):
        parts = [tsquery([g]) for g in groups if g]
        if prefix:
            parts.append(f"'{prefix}':*")
        if not parts:
            return []
        in_facets, facet_params = _facet_filter(BackendQuery([], visibilities=visibilities))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {TITLE_TABLE}, CAST(%s AS tsquery) q "  # noqa: S608
                f"WHERE vector @@ q AND {in_facets} "
                f"ORDER BY {TITLE_RANK} DESC, id LIMIT %s",
                [" & ".join(parts), *facet_params, limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def status(self) -> dict:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {VECTOR_TABLE}")  # noqa: S608
            (documents,) = cursor.fetchone()
        return {"backend": self.name, "documents": documents}
