"""The full-text structures beside SearchEntry, made here and nowhere else.

Before this migration they were made at run time (post_migrate, search.backends.schema);
0002 and 0004 called that code and are no-ops now. This migration makes every object
whatever it finds: nothing (a new database), the objects of the runtime code (upgraded
in place, so grants on them stay), or the first version's generated column. What each
object is for: search.backends.schema and docs/search.md.

The SQL is written out here, not imported, so that it stays what was run.
"""

from django.db import migrations

from core.migration_ops import VendorRunSQL

# SQLite: an FTS5 table over the analysed columns, with the entry table as its external
# content, kept in step by row triggers.
FTS_COLUMNS = "title_terms, ident_terms, summary_terms, body_terms"
NEW = ", ".join(f"new.{c}" for c in FTS_COLUMNS.split(", "))
OLD = ", ".join(f"old.{c}" for c in FTS_COLUMNS.split(", "))
SQLITE = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS search_entry_fts USING fts5(
    {FTS_COLUMNS},
    content='search_searchentry', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0'
)""",
    f"""CREATE TRIGGER IF NOT EXISTS search_entry_fts_ai AFTER INSERT ON search_searchentry BEGIN
    INSERT INTO search_entry_fts(rowid, {FTS_COLUMNS}) VALUES (new.id, {NEW});
END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_entry_fts_ad AFTER DELETE ON search_searchentry BEGIN
    INSERT INTO search_entry_fts(search_entry_fts, rowid, {FTS_COLUMNS})
    VALUES ('delete', old.id, {OLD});
END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_entry_fts_au AFTER UPDATE ON search_searchentry BEGIN
    INSERT INTO search_entry_fts(search_entry_fts, rowid, {FTS_COLUMNS})
    VALUES ('delete', old.id, {OLD});
    INSERT INTO search_entry_fts(rowid, {FTS_COLUMNS}) VALUES (new.id, {NEW});
END""",
    # Entries that exist already (a database of the runtime code keeps its index as is).
    "INSERT INTO search_entry_fts(search_entry_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_entry_fts_ai",
    "DROP TRIGGER IF EXISTS search_entry_fts_ad",
    "DROP TRIGGER IF EXISTS search_entry_fts_au",
    "DROP TABLE IF EXISTS search_entry_fts",
]

# PostgreSQL. Terms are [a-z0-9]+ joined by spaces: their set, without positions, is
# array_to_tsvector of the split text (the text parser would also read "123e4e5" as a
# number). The head vector keeps positions and weights for ts_rank: it is parsed.
TERM_SET = "array_to_tsvector(array_remove(string_to_array({}, ' '), ''))"
WHOLE = TERM_SET.format(
    "e.title_terms || ' ' || e.ident_terms || ' ' || e.summary_terms || ' ' || e.body_terms"
)
TITLE = TERM_SET.format("e.title_terms || ' ' || e.ident_terms")


def fill(source: str) -> str:
    """Statements that add the entries of SOURCE (entry rows) to the narrow tables."""
    return f"""
    -- Number only the facets that have none yet: INSERT ... ON CONFLICT DO NOTHING takes
    -- a number from the sequence for every row, the skipped ones too.
    INSERT INTO search_entry_facet (kind, state, visibility)
    SELECT DISTINCT n.kind, n.state, n.visibility FROM {source} n
    WHERE NOT EXISTS (
        SELECT FROM search_entry_facet f
        WHERE f.kind = n.kind AND f.state = n.state AND f.visibility = n.visibility
    )
    ON CONFLICT DO NOTHING;  -- numbered by a concurrent transaction a moment ago
    -- LEFT JOIN: an entry whose facet cannot be seen fails on facet NOT NULL, loudly,
    -- instead of silently missing from the index.
    INSERT INTO search_entry_vector (id, facet, date, vector)
    SELECT e.id, f.id, e.date, {WHOLE}
    FROM {source} e LEFT JOIN search_entry_facet f USING (kind, state, visibility);
    INSERT INTO search_entry_title (id, facet, date, vector)
    SELECT e.id, f.id, e.date, {TITLE}
    FROM {source} e LEFT JOIN search_entry_facet f USING (kind, state, visibility);"""


NARROW_TABLE = """CREATE TABLE IF NOT EXISTS {} (
    id bigint PRIMARY KEY,
    facet integer NOT NULL,
    date timestamp with time zone,
    vector tsvector NOT NULL
)"""
POSTGRES = [
    # The first version's generated vector on the entry table (its GIN index goes with it).
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
    # Title and identifiers (A) and summary (B), for ranking the head tier.
    """ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS head_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
        || setweight(to_tsvector('simple'::regconfig, ident_terms), 'A')
        || setweight(to_tsvector('simple'::regconfig, summary_terms), 'B')
    ) STORED""",
    # Inline and uncompressed (the long texts go out of line first): ranking reads it.
    "ALTER TABLE search_searchentry ALTER COLUMN head_vector SET STORAGE MAIN",
    "CREATE INDEX IF NOT EXISTS search_entry_head_gin ON search_searchentry USING gin (head_vector)",
    # One number per (kind, state, visibility) met: the facet counts group small integers.
    # integer, not smallint: the runtime code's smallint ran out (see fill()).
    """CREATE TABLE IF NOT EXISTS search_entry_facet (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind varchar(32) NOT NULL,
    state varchar(32) NOT NULL,
    visibility varchar(16) NOT NULL,
    UNIQUE (kind, state, visibility)
)""",
    # A database of the runtime code: smallint → integer; the identity's sequence follows
    # (its maximum too, even once it was reached). Nothing to do on a new database.
    "ALTER TABLE search_entry_facet ALTER COLUMN id TYPE integer",
    # The set of all an entry's terms, and of its title's and identifiers'.
    NARROW_TABLE.format("search_entry_vector"),
    NARROW_TABLE.format("search_entry_title"),
    "ALTER TABLE search_entry_vector ALTER COLUMN facet TYPE integer",
    "ALTER TABLE search_entry_title ALTER COLUMN facet TYPE integer",
    "CREATE INDEX IF NOT EXISTS search_entry_vector_gin ON search_entry_vector USING gin (vector)",
    "CREATE INDEX IF NOT EXISTS search_entry_title_gin ON search_entry_title USING gin (vector)",
    # Without statistics the planner takes 0.5% selectivity for @@, and so the GIN index:
    # it cannot know that a scan of every row would read (and detoast) every vector.
    "ALTER TABLE search_searchentry ALTER COLUMN head_vector SET STATISTICS 0",
    "ALTER TABLE search_entry_vector ALTER COLUMN vector SET STATISTICS 0",
    "ALTER TABLE search_entry_title ALTER COLUMN vector SET STATISTICS 0",
    # lz4 is faster to write than the default pglz, where the server was built with it.
    """DO $$ BEGIN
    IF EXISTS (SELECT FROM pg_settings
               WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)) THEN
        ALTER TABLE search_entry_vector ALTER COLUMN vector SET COMPRESSION lz4;
    END IF;
END $$""",
    # Statement triggers keep the narrow tables in step: a bulk write, one statement each.
    f"""CREATE OR REPLACE FUNCTION search_entry_vector_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE search_entry_vector, search_entry_title;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM search_entry_vector WHERE id IN (SELECT id FROM old_rows);
        DELETE FROM search_entry_title WHERE id IN (SELECT id FROM old_rows);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN{fill("new_rows")}
    END IF;
    RETURN NULL;
END $$""",
    # The narrow tables made again from the entries (`search_index repair`), in the
    # caller's transaction: DELETE, not TRUNCATE, so searchers see the old rows until it
    # commits; entry writes wait meanwhile (SHARE lock), so none is missed or doubled.
    f"""CREATE OR REPLACE FUNCTION search_entry_vector_refill() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE search_searchentry IN SHARE MODE;
    DELETE FROM search_entry_vector;
    DELETE FROM search_entry_title;{fill("search_searchentry")}
END $$""",
    # The facet counts of a query. The planner, not knowing what a match costs, may take
    # a sort or a scan of every row for what is a hash over GIN postings: these settings
    # stop it.
    """CREATE OR REPLACE FUNCTION search_entry_facets(q tsquery, visibilities text[])
RETURNS TABLE (kind varchar, state varchar, count bigint)
LANGUAGE sql STABLE
SET enable_seqscan = off SET enable_sort = off
AS $$
    SELECT f.kind, f.state, sum(c.count)::bigint
    FROM (SELECT facet, count(*) FROM search_entry_vector WHERE vector @@ q GROUP BY facet) c
    JOIN search_entry_facet f ON f.id = c.facet
    WHERE f.visibility = ANY(visibilities)
    GROUP BY f.kind, f.state
$$""",
    # Whether anything matches ("did you mean"): the heads first, their postings are a
    # fraction of the whole texts'.
    """CREATE OR REPLACE FUNCTION search_entry_any(q tsquery, visibilities text[])
RETURNS boolean
LANGUAGE sql STABLE
SET enable_seqscan = off
AS $$
    SELECT EXISTS (
        SELECT FROM search_searchentry WHERE head_vector @@ q AND visibility = ANY(visibilities)
    ) OR EXISTS (
        SELECT FROM search_entry_vector
        WHERE vector @@ q
        AND facet = ANY(ARRAY(
            SELECT id FROM search_entry_facet WHERE visibility = ANY(visibilities)
        ))
    )
$$""",
    """CREATE OR REPLACE TRIGGER search_entry_vector_ai AFTER INSERT ON search_searchentry
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION search_entry_vector_sync()""",
    """CREATE OR REPLACE TRIGGER search_entry_vector_au AFTER UPDATE ON search_searchentry
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION search_entry_vector_sync()""",
    """CREATE OR REPLACE TRIGGER search_entry_vector_ad AFTER DELETE ON search_searchentry
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION search_entry_vector_sync()""",
    """CREATE OR REPLACE TRIGGER search_entry_vector_at AFTER TRUNCATE ON search_searchentry
FOR EACH STATEMENT EXECUTE FUNCTION search_entry_vector_sync()""",
    # Entries that exist already: the narrow tables start again from them (in this
    # migration's transaction, so nobody sees them empty).
    "SELECT search_entry_vector_refill()",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS search_entry_vector_ai ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_entry_vector_au ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_entry_vector_ad ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_entry_vector_at ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_entry_vector_sync(), search_entry_vector_refill(), "
    "search_entry_facets(tsquery, text[]), search_entry_any(tsquery, text[])",
    "DROP TABLE IF EXISTS search_entry_vector, search_entry_title, search_entry_facet",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS head_vector",  # and its index
]


class Migration(migrations.Migration):
    dependencies = [("search", "0004_postgres_vectors")]

    operations = [
        VendorRunSQL("sqlite", SQLITE, SQLITE_REVERSE),
        VendorRunSQL("postgresql", POSTGRES, POSTGRES_REVERSE),
    ]
