"""PostgreSQL full-text search: a weighted tsvector (A title and identifiers, B summary,
C body) generated from the analysed columns, a GIN index and ts_rank."""

from django.db import connection

from search.backends.base import BackendQuery, BackendResult, SearchBackend, total_for
from search.backends.schema import TABLE

# ts_rank normalisation 1: divide by 1 + log(length), so long documents do not win on size;
# 32: rank / (rank + 1), into [0, 1), so that a title match (+1) always comes first.
RANK = "ts_rank(search_vector, q, 1 | 32)"


def tsquery(groups: list[set[str]], operator: str = "and", weights: str = "") -> str:
    """'(a | b) & c' — terms are [a-z0-9]+, so nothing needs escaping. WEIGHTS ('A')
    restricts every term to those parts of the vector."""
    suffix = f":{weights}" if weights else ""
    parts = []
    for terms in groups:
        alternatives = " | ".join(f"{term}{suffix}" for term in sorted(terms))
        parts.append(f"({alternatives})" if len(terms) > 1 else alternatives)
    return (" & " if operator == "and" else " | ").join(parts)


class PostgresBackend(SearchBackend):
    name = "postgresql"

    def _where(self, query: BackendQuery, filtered: bool):
        sql = ["search_vector @@ q", "visibility = ANY(%s)"]
        params = [list(query.visibilities)]
        if filtered and query.kind:
            sql.append("kind = %s")
            params.append(query.kind)
        if filtered and query.state:
            sql.append("state = %s")
            params.append(query.state)
        return " AND ".join(sql), params

    def search(self, query: BackendQuery) -> BackendResult:
        if not query.groups:
            return BackendResult([], 0)
        source = f"FROM {TABLE}, to_tsquery('simple', %s) q"
        text = tsquery(query.groups, query.operator)
        with connection.cursor() as cursor:
            where, params = self._where(query, filtered=False)
            cursor.execute(
                f"SELECT kind, state, count(*) {source} WHERE {where} GROUP BY kind, state",
                [text, *params],
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
                # Title and identifier matches first, as on every backend; then ts_rank.
                cursor.execute(
                    f"SELECT id, (search_vector @@ qa)::int + {RANK} AS rank "
                    f"{source}, to_tsquery('simple', %s) qa "
                    f"WHERE {where} ORDER BY rank DESC, date DESC NULLS LAST, id "
                    "LIMIT %s OFFSET %s",
                    [
                        text,
                        tsquery(query.groups, query.operator, "A"),
                        *params,
                        query.limit,
                        query.offset,
                    ],
                )
                hits = [(row[0], round(float(row[1]), 4)) for row in cursor.fetchall()]
        return BackendResult(hits, total, kinds, states)

    def autocomplete(self, groups, prefix, visibilities, limit):
        parts = [tsquery([g], weights="A") for g in groups if g]
        if prefix:
            parts.append(f"{prefix}:*A")
        if not parts:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {TABLE}, to_tsquery('simple', %s) q "  # noqa: S608
                f"WHERE search_vector @@ q AND visibility = ANY(%s) "
                f"ORDER BY {RANK} DESC, id LIMIT %s",
                [" & ".join(parts), list(visibilities), limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def status(self) -> dict:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE search_vector IS NOT NULL")  # noqa: S608
            (documents,) = cursor.fetchone()
        return {"backend": self.name, "documents": documents}
