"""PostgreSQL ranking with positions and field weights (issue 18, goal 4).

0005 built the title table's vector with `array_to_tsvector`: a set of terms without
positions, over which `ts_rank` of a query of several words is ~0, so titles tied and
fell to date order; matches in the body only were not ranked at all. Here:

- `search_terms_vector(terms, weight, max_terms)`: the analysed terms (`[a-z0-9]+`
  joined by spaces) as a tsvector with positions 1, 2, … and one weight, built from the
  tsvector's input syntax, never through the text parser (which would read "123e4e5" as
  a number and a word): the terms stay exactly what the index holds.
- The title table's vector gets positions (title A, identifiers B), so `ts_rank_cd`
  separates titles by how many query words they hold, how close, how short.
- A new narrow table `search_entry_rank` (id, vector): title and identifiers A,
  summary B, the first 1,000 terms of the body D. Read only to rank the entries whose
  query words are partly in the body (the third tier), when they are few enough.
  It has no GIN index (never matched, only read by id).
- The statement triggers' function and the refill function are replaced to fill it.
  Nothing on the entry table changes (no rewrite of it).

Locks and cost on an existing index: the refill at the end runs in this migration's
transaction under `LOCK search_searchentry IN SHARE MODE` (0005's function): searches
go on meanwhile, index writes wait. It recomputes both narrow vectors from the entries'
analysed columns: no re-analysis of the texts is needed (`search_index update` is
still needed for the analysis changes of the same issue: identifier shortenings,
surname stems, capitals kept). No sequence, no identity: facet numbering is 0005's
(only new facets are numbered), so no number is burnt by the refill or by upserts.
Positions are at most 16,383 (tsvector's limit), so no overflow.

Reverse: 0005's functions again (imported from it, so they stay what 0005 ran), the
new table and function dropped, the title vectors made without positions again.
"""

import importlib

from django.db import migrations

from core.migration_ops import VendorRunSQL

_0005 = importlib.import_module("search.migrations.0005_fulltext_schema")

TERMS_VECTOR = """CREATE OR REPLACE FUNCTION search_terms_vector(
    terms text, weight "char", max_terms integer DEFAULT 16383
) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT setweight(coalesce(string_agg(t || ':' || n, ' ')::tsvector, ''::tsvector), weight)
    FROM unnest((string_to_array(coalesce(terms, ''), ' '))[1:least(max_terms, 16383)])
        WITH ORDINALITY AS u(t, n)
    WHERE t <> ''
$$"""

WHOLE = _0005.WHOLE
TITLE = (
    "search_terms_vector(e.title_terms, 'A') || search_terms_vector(e.ident_terms, 'B')"
)
RANK = (
    "search_terms_vector(e.title_terms, 'A') || search_terms_vector(e.ident_terms, 'A') "
    "|| search_terms_vector(e.summary_terms, 'B') "
    "|| search_terms_vector(e.body_terms, 'D', 1000)"
)


def fill(source: str) -> str:
    """0005's fill with positional title vectors and the rank table."""
    return f"""
    INSERT INTO search_entry_facet (kind, state, visibility)
    SELECT DISTINCT n.kind, n.state, n.visibility FROM {source} n
    WHERE NOT EXISTS (
        SELECT FROM search_entry_facet f
        WHERE f.kind = n.kind AND f.state = n.state AND f.visibility = n.visibility
    )
    ON CONFLICT DO NOTHING;
    INSERT INTO search_entry_vector (id, facet, date, vector)
    SELECT e.id, f.id, e.date, {WHOLE}
    FROM {source} e LEFT JOIN search_entry_facet f USING (kind, state, visibility);
    INSERT INTO search_entry_title (id, facet, date, vector)
    SELECT e.id, f.id, e.date, {TITLE}
    FROM {source} e LEFT JOIN search_entry_facet f USING (kind, state, visibility);
    INSERT INTO search_entry_rank (id, vector)
    SELECT e.id, {RANK} FROM {source} e;"""


POSTGRES = [
    TERMS_VECTOR,
    """CREATE TABLE IF NOT EXISTS search_entry_rank (
    id bigint PRIMARY KEY,
    vector tsvector NOT NULL
)""",
    f"""CREATE OR REPLACE FUNCTION search_entry_vector_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE search_entry_vector, search_entry_title, search_entry_rank;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM search_entry_vector WHERE id IN (SELECT id FROM old_rows);
        DELETE FROM search_entry_title WHERE id IN (SELECT id FROM old_rows);
        DELETE FROM search_entry_rank WHERE id IN (SELECT id FROM old_rows);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN{fill("new_rows")}
    END IF;
    RETURN NULL;
END $$""",
    f"""CREATE OR REPLACE FUNCTION search_entry_vector_refill() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE search_searchentry IN SHARE MODE;
    DELETE FROM search_entry_vector;
    DELETE FROM search_entry_title;
    DELETE FROM search_entry_rank;{fill("search_searchentry")}
END $$""",
    "SELECT search_entry_vector_refill()",
]

# 0005's functions (as 0005 ran them), then its refill: title vectors without positions.
_SYNC, _REFILL = (
    next(sql for sql in _0005.POSTGRES if f"FUNCTION {name}()" in sql)
    for name in ("search_entry_vector_sync", "search_entry_vector_refill")
)
POSTGRES_REVERSE = [
    _SYNC,
    _REFILL,
    "SELECT search_entry_vector_refill()",
    "DROP TABLE IF EXISTS search_entry_rank",
    'DROP FUNCTION IF EXISTS search_terms_vector(text, "char", integer)',
]


class Migration(migrations.Migration):
    dependencies = [("search", "0006_index_failure")]

    operations = [VendorRunSQL("postgresql", POSTGRES, POSTGRES_REVERSE)]
