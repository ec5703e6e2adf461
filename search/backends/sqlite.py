"""SQLite FTS5 over the analysed columns: `make run` on a bare machine."""

from django.db import connection

from search.backends.base import BackendQuery, BackendResult, SearchBackend, total_for
from search.backends.schema import FTS_TABLE, TABLE

# bm25 weights per FTS column: title, identifiers, summary, body.
WEIGHTS = (10.0, 10.0, 4.0, 1.0)


def _quote(term: str) -> str:
    # Terms are [a-z0-9]+ already; quoting keeps words like "near" from being operators.
    return f'"{term}"'


def _alternative(term) -> str:
    """A term, or a conjunction of words (a synonym of several words: a tuple of sets)."""
    if isinstance(term, str):
        return _quote(term)
    words = [" OR ".join(_quote(t) for t in sorted(word)) for word in term]
    return "(" + " AND ".join(f"({w})" for w in words) + ")"


def match_expression(groups: list[set], operator: str = "and") -> str:
    parts = []
    for terms in groups:
        alternatives = " OR ".join(_alternative(t) for t in sorted(terms, key=str))
        parts.append(f"({alternatives})" if len(terms) > 1 else alternatives)
    return f" {operator.upper()} ".join(parts)


class SQLiteBackend(SearchBackend):
    name = "sqlite"

    def _where(self, query: BackendQuery, filtered: bool):
        sql = [f"{FTS_TABLE} MATCH %s"]
        params = [match_expression(query.groups, query.operator)]
        placeholders = ", ".join(["%s"] * len(query.visibilities))
        sql.append(f"e.visibility IN ({placeholders})")
        params.extend(query.visibilities)
        if filtered and query.kind:
            sql.append("e.kind = %s")
            params.append(query.kind)
        if filtered and query.kinds:
            sql.append(f"e.kind IN ({', '.join(['%s'] * len(query.kinds))})")
            params.extend(query.kinds)
        if filtered and query.state:
            sql.append("e.state = %s")
            params.append(query.state)
        return " AND ".join(sql), params

    def search(self, query: BackendQuery) -> BackendResult:
        if not query.groups:
            return BackendResult([], 0)
        join = f"FROM {FTS_TABLE} JOIN {TABLE} e ON e.id = {FTS_TABLE}.rowid"
        with connection.cursor() as cursor:
            where, params = self._where(query, filtered=False)
            cursor.execute(
                f"SELECT e.kind, e.state, count(*) {join} WHERE {where} GROUP BY e.kind, e.state",
                params,
            )
            kinds, states = {}, {}
            for kind, state, count in cursor.fetchall():
                kinds[kind] = kinds.get(kind, 0) + count
                if state:
                    states[(kind, state)] = count
            total = total_for(query, kinds, states)
            hits = []
            if total and query.offset < total:
                where, params = self._where(query, filtered=True)
                weights = ", ".join(str(w) for w in WEIGHTS)
                # Title and identifier matches first (bm25 alone lets a frequent word's
                # near-zero IDF flatten them), then bm25 with the column weights.
                title_match = (
                    "{title_terms ident_terms} : ("
                    + match_expression(query.groups, query.operator)
                    + ")"
                )
                cursor.execute(
                    f"SELECT e.id, bm25({FTS_TABLE}, {weights}) AS rank, "  # noqa: S608
                    f"e.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) "
                    "AS in_title "
                    f"{join} WHERE {where} "
                    "ORDER BY in_title DESC, rank, e.date DESC, e.id LIMIT %s OFFSET %s",
                    [title_match, *params, query.limit, query.offset],
                )
                # The score orders like the results: bm25 squashed into [0, 1), plus 1
                # for a title match (as PostgreSQL's ts_rank with normalisation 32).
                hits = [
                    (row[0], round(row[2] + (-row[1]) / (1 - row[1]), 4))
                    for row in cursor.fetchall()
                ]
        return BackendResult(hits, total, kinds, states)

    def autocomplete(self, groups, prefix, visibilities, limit):
        parts = [match_expression([g]) for g in groups if g]
        if prefix:
            parts.append(f'"{prefix}"*')
        if not parts:
            return []
        expression = "{title_terms} : (" + " AND ".join(parts) + ")"
        placeholders = ", ".join(["%s"] * len(visibilities))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.id FROM {FTS_TABLE} JOIN {TABLE} e ON e.id = {FTS_TABLE}.rowid "  # noqa: S608
                f"WHERE {FTS_TABLE} MATCH %s AND e.visibility IN ({placeholders}) "
                f"ORDER BY bm25({FTS_TABLE}, 10.0, 1.0, 1.0, 1.0), e.id LIMIT %s",
                [expression, *visibilities, limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def status(self) -> dict:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}_docsize")  # noqa: S608
            (documents,) = cursor.fetchone()
        return {"backend": self.name, "documents": documents}
