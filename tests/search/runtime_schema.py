# The runtime DDL of search/backends/schema.py as it was up to commit 38ec367, kept
# verbatim (not imported by the project): tests/search/test_schema.py makes the objects
# the way databases of that time got them, then checks that migration 0005 upgrades them.
"""Full-text structures over SearchEntry that Django's models cannot express.

SQLite: an FTS5 table with external content (the entry table) kept in sync by
triggers. PostgreSQL: a narrow table of whole-text vectors kept in sync by triggers,
and small generated vectors of the title and the head (title, identifiers, summary) on
the entry table, each with a GIN index (see below). All read the pre-analysed *_terms
columns, so the database only splits on spaces. `ensure_schema` is idempotent: the
migrations call it, and so does post_migrate, because SQLite's table rebuilds in later
migrations of SearchEntry would drop the triggers.
"""

# ruff: noqa: S608 - the SQL here is built from this module's constant names only.

TABLE = "search_searchentry"
FTS_TABLE = "search_entry_fts"
VECTOR_TABLE = "search_entry_vector"
TITLE_TABLE = "search_entry_title"
FACET_TABLE = "search_entry_facet"
COLUMNS = ("title_terms", "ident_terms", "summary_terms", "body_terms")

_SQLITE_FTS = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
    {", ".join(COLUMNS)},
    content='{TABLE}', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0'
)
"""
_NEW = ", ".join(f"new.{c}" for c in COLUMNS)
_OLD = ", ".join(f"old.{c}" for c in COLUMNS)
_COLS = ", ".join(COLUMNS)
_SQLITE_TRIGGERS = {
    "search_entry_fts_ai": f"""
CREATE TRIGGER IF NOT EXISTS search_entry_fts_ai AFTER INSERT ON {TABLE} BEGIN
    INSERT INTO {FTS_TABLE}(rowid, {_COLS}) VALUES (new.id, {_NEW});
END""",
    "search_entry_fts_ad": f"""
CREATE TRIGGER IF NOT EXISTS search_entry_fts_ad AFTER DELETE ON {TABLE} BEGIN
    INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLS}) VALUES ('delete', old.id, {_OLD});
END""",
    "search_entry_fts_au": f"""
CREATE TRIGGER IF NOT EXISTS search_entry_fts_au AFTER UPDATE ON {TABLE} BEGIN
    INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLS}) VALUES ('delete', old.id, {_OLD});
    INSERT INTO {FTS_TABLE}(rowid, {_COLS}) VALUES (new.id, {_NEW});
END""",
}

# PostgreSQL. A query may match most of the index ("konsultacje" in a department's
# site), so nothing that every match passes through may be wide or need detoasting:
# - search_entry_vector (id, facet, date, the set of all the entry's terms as a
#   tsvector) and search_entry_title (the same with the title's and identifiers'
#   terms), narrow tables with a GIN index on each vector: matching, the facet counts
#   and the title tier of the ranking read only GIN postings and small rows that stay
#   in memory. Statement triggers keep them in step with the entry table (a bulk write
#   fills them in one statement each).
# - search_entry_facet numbers each (kind, state, visibility) met: the counts group
#   one small integer per match, and filter the groups, not the matches.
# - head_vector (title, identifiers: A; summary: B) on the entry table, with a GIN index,
#   for ranking the entries that have the query in their head but not in the title.
# Terms are [a-z0-9]+ joined by spaces, so a vector without positions is just their
# set: array_to_tsvector makes it twice as fast as the text parser, which would also
# split a term such as "123e4e5" as if it were a number. The head vector keeps
# positions and weights for ts_rank, so it goes through the parser.
_PG_TERM_SET = "array_to_tsvector(array_remove(string_to_array({}, ' '), ''))"
_PG_COLUMNS = {
    "head_vector": (
        "setweight(to_tsvector('simple'::regconfig, title_terms), 'A') "
        "|| setweight(to_tsvector('simple'::regconfig, ident_terms), 'A') "
        "|| setweight(to_tsvector('simple'::regconfig, summary_terms), 'B')"
    ),
}
_PG_VECTOR_TABLE_SQL = [
    f"""
CREATE TABLE {FACET_TABLE} (
    id smallint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind varchar(32) NOT NULL,
    state varchar(32) NOT NULL,
    visibility varchar(16) NOT NULL,
    UNIQUE (kind, state, visibility)
)""",
    *(
        f"""
CREATE TABLE {table} (
    id bigint PRIMARY KEY,
    facet smallint NOT NULL,
    date timestamp with time zone,
    vector tsvector NOT NULL
)"""
        for table in (VECTOR_TABLE, TITLE_TABLE)
    ),
    f"CREATE INDEX search_entry_vector_gin ON {VECTOR_TABLE} USING gin (vector)",
    f"CREATE INDEX search_entry_title_gin ON {TITLE_TABLE} USING gin (vector)",
]


def _pg_fill(source: str) -> str:
    """SQL that adds the entries of SOURCE (a table of entry rows) to the vector table."""
    title = _PG_TERM_SET.format("e.title_terms || ' ' || e.ident_terms")
    whole = _PG_TERM_SET.format(
        "e.title_terms || ' ' || e.ident_terms || ' ' || e.summary_terms || ' ' || e.body_terms"
    )
    return f"""
        INSERT INTO {FACET_TABLE} (kind, state, visibility)
        SELECT DISTINCT kind, state, visibility FROM {source}
        ON CONFLICT DO NOTHING;
        INSERT INTO {VECTOR_TABLE} (id, facet, date, vector)
        SELECT e.id, f.id, e.date, {whole}
        FROM {source} e JOIN {FACET_TABLE} f USING (kind, state, visibility);
        INSERT INTO {TITLE_TABLE} (id, facet, date, vector)
        SELECT e.id, f.id, e.date, {title}
        FROM {source} e JOIN {FACET_TABLE} f USING (kind, state, visibility);"""


_PG_SYNC_FUNCTION = f"""
CREATE OR REPLACE FUNCTION search_entry_vector_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE {VECTOR_TABLE}, {TITLE_TABLE};
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM {VECTOR_TABLE} WHERE id IN (SELECT id FROM old_rows);
        DELETE FROM {TITLE_TABLE} WHERE id IN (SELECT id FROM old_rows);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN{_pg_fill("new_rows")}
    END IF;
    RETURN NULL;
END $$"""
_PG_TRIGGERS = {
    "search_entry_vector_ai": "AFTER INSERT ON {t} REFERENCING NEW TABLE AS new_rows",
    "search_entry_vector_au": (
        "AFTER UPDATE ON {t} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"
    ),
    "search_entry_vector_ad": "AFTER DELETE ON {t} REFERENCING OLD TABLE AS old_rows",
}
_PG_INDEXES = {
    "search_entry_head_gin": f"CREATE INDEX search_entry_head_gin ON {TABLE} "
    "USING gin (head_vector)",
}
_PG_VECTOR_TABLE_OBJECTS = {
    VECTOR_TABLE,
    TITLE_TABLE,
    FACET_TABLE,
    "search_entry_vector_gin",
    "search_entry_title_gin",
}
_PG_GIN_INDEXES = ("search_entry_vector_gin", "search_entry_title_gin", *_PG_INDEXES)

# The facet counts of a query, and whether anything matches it. The planner, not
# knowing what a match costs, may take a sort or a scan of every row (which reads every
# vector) for what is a hash over GIN postings; these functions' own settings stop it.
# Matches of VISIBILITIES only: the numbers of their facets, computed once per query.
_PG_VISIBLE_FACETS = (
    f"facet = ANY(ARRAY(SELECT id FROM {FACET_TABLE} WHERE visibility = ANY(visibilities)))"
)
_PG_QUERY_FUNCTIONS = {
    "search_entry_facets(tsquery, text[])": f"""
CREATE OR REPLACE FUNCTION search_entry_facets(q tsquery, visibilities text[])
RETURNS TABLE (kind varchar, state varchar, count bigint)
LANGUAGE sql STABLE
SET enable_seqscan = off SET enable_sort = off
AS $$
    SELECT f.kind, f.state, sum(c.count)::bigint
    FROM (SELECT facet, count(*) FROM {VECTOR_TABLE} WHERE vector @@ q GROUP BY facet) c
    JOIN {FACET_TABLE} f ON f.id = c.facet
    WHERE f.visibility = ANY(visibilities)
    GROUP BY f.kind, f.state
$$""",
    # The heads first: their GIN postings are a fraction of the whole texts', and a query
    # that matches anything mostly matches some head.
    "search_entry_any(tsquery, text[])": f"""
CREATE OR REPLACE FUNCTION search_entry_any(q tsquery, visibilities text[])
RETURNS boolean
LANGUAGE sql STABLE
SET enable_seqscan = off
AS $$
    SELECT EXISTS (
        SELECT FROM {TABLE} WHERE head_vector @@ q AND visibility = ANY(visibilities)
    ) OR EXISTS (
        SELECT FROM {VECTOR_TABLE} WHERE vector @@ q AND {_PG_VISIBLE_FACETS}
    )
$$""",
}


def _postgres_missing(cursor) -> set[str]:
    """The PostgreSQL objects of this schema that are missing (or, for the vector of
    the first version, still there)."""
    present = set()
    for table in (VECTOR_TABLE, TITLE_TABLE, FACET_TABLE):
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
        if cursor.fetchone()[0]:
            present.add(table)
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
        [TABLE],
    )
    columns = {row[0] for row in cursor.fetchall()}
    cursor.execute(
        "SELECT tablename, indexname FROM pg_indexes WHERE tablename IN (%s, %s, %s)",
        [TABLE, VECTOR_TABLE, TITLE_TABLE],
    )
    indexes = {
        TABLE: set(_PG_INDEXES),
        VECTOR_TABLE: _PG_VECTOR_TABLE_OBJECTS,
        TITLE_TABLE: _PG_VECTOR_TABLE_OBJECTS,
    }
    present |= columns | {index for table, index in cursor.fetchall() if index in indexes[table]}
    cursor.execute(
        "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
        [TABLE],
    )
    present |= {row[0] for row in cursor.fetchall()}
    functions = ["search_entry_vector_sync()", *_PG_QUERY_FUNCTIONS]
    for function in functions:
        cursor.execute("SELECT to_regprocedure(%s) IS NOT NULL", [function])
        if cursor.fetchone()[0]:
            present.add(function)
    wanted = {
        *_PG_COLUMNS,
        *_PG_INDEXES,
        *_PG_TRIGGERS,
        "search_entry_vector_at",
        *_PG_VECTOR_TABLE_OBJECTS,
        *functions,
    }
    missing = wanted - present
    if "search_vector" in columns:
        missing.add("old search_vector")
    return missing


def _ensure_postgres(cursor) -> bool:
    missing = _postgres_missing(cursor)
    # No DDL when all is there: post_migrate may run inside a busy transaction.
    if not missing:
        return False
    if "old search_vector" in missing:
        cursor.execute("DROP INDEX IF EXISTS search_entry_vector_gin")
        cursor.execute(f"ALTER TABLE {TABLE} DROP COLUMN search_vector")
    for column, expression in _PG_COLUMNS.items():
        if column in missing:
            cursor.execute(
                f"ALTER TABLE {TABLE} ADD COLUMN {column} tsvector "
                f"GENERATED ALWAYS AS ({expression}) STORED"
            )
    for name, sql in _PG_INDEXES.items():
        if name in missing:
            cursor.execute(sql)
    for column in _PG_COLUMNS:
        # Inline and uncompressed (the long texts of the row go out of line first):
        # ranking reads this vector for every entry of its tier.
        cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {column} SET STORAGE MAIN")
    if missing & _PG_VECTOR_TABLE_OBJECTS:
        # They hold nothing of their own (refilled below): made again as they should be.
        cursor.execute(f"DROP TABLE IF EXISTS {VECTOR_TABLE}, {TITLE_TABLE}, {FACET_TABLE}")
        for sql in _PG_VECTOR_TABLE_SQL:
            cursor.execute(sql)
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
        if cursor.fetchone()[0]:  # faster to write than the default pglz
            cursor.execute(f"ALTER TABLE {VECTOR_TABLE} ALTER COLUMN vector SET COMPRESSION lz4")
    # Without statistics the planner takes 0.5% selectivity for @@, and so the GIN index:
    # it does not know that a scan of every row would read (and detoast) every vector.
    for table, column in [
        (TABLE, "head_vector"),
        (VECTOR_TABLE, "vector"),
        (TITLE_TABLE, "vector"),
    ]:
        cursor.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STATISTICS 0")
    cursor.execute(_PG_SYNC_FUNCTION)
    for sql in _PG_QUERY_FUNCTIONS.values():
        cursor.execute(sql)
    for name, when in _PG_TRIGGERS.items():
        cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
        cursor.execute(
            f"CREATE TRIGGER {name} {when.format(t=TABLE)} "
            "FOR EACH STATEMENT EXECUTE FUNCTION search_entry_vector_sync()"
        )
    cursor.execute(f"DROP TRIGGER IF EXISTS search_entry_vector_at ON {TABLE}")
    cursor.execute(
        f"CREATE TRIGGER search_entry_vector_at AFTER TRUNCATE ON {TABLE} "
        "FOR EACH STATEMENT EXECUTE FUNCTION search_entry_vector_sync()"
    )
    # Entries written while a trigger was missing: the vector table starts again from them.
    cursor.execute(f"TRUNCATE {VECTOR_TABLE}, {TITLE_TABLE}")
    cursor.execute(_pg_fill(TABLE))
    return True


def _sqlite_objects(cursor) -> set[str]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE name = %s OR (type = 'trigger' AND tbl_name = %s)",
        [FTS_TABLE, TABLE],
    )
    return {row[0] for row in cursor.fetchall()}


def ensure_schema(connection) -> bool:
    """Create what is missing for CONNECTION's database; True when something was created."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            present = _sqlite_objects(cursor)
            if TABLE not in connection.introspection.table_names(cursor):
                return False
            wanted = {FTS_TABLE, *_SQLITE_TRIGGERS}
            if wanted <= present:
                return False
            cursor.execute(_SQLITE_FTS)
            for sql in _SQLITE_TRIGGERS.values():
                cursor.execute(sql)
            # Rows written while a trigger was missing are not in the FTS index yet.
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
            return True
        if connection.vendor == "postgresql":
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [TABLE])
            return cursor.fetchone()[0] and _ensure_postgres(cursor)
    return False


def compact(connection) -> None:
    """After a bulk write: merge what the full-text structures hold aside for fast
    writes (FTS5 segments, GIN pending lists), which every query would otherwise scan
    until the database gets round to it (autovacuum)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
        elif connection.vendor == "postgresql":
            for index in _PG_GIN_INDEXES:
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])


def drop_schema(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in _SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        elif connection.vendor == "postgresql":
            for name in (*_PG_TRIGGERS, "search_entry_vector_at"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
            for function in ("search_entry_vector_sync()", *_PG_QUERY_FUNCTIONS):
                cursor.execute(f"DROP FUNCTION IF EXISTS {function}")
            cursor.execute(f"DROP TABLE IF EXISTS {VECTOR_TABLE}, {TITLE_TABLE}, {FACET_TABLE}")
            for column in _PG_COLUMNS:  # their indexes go with them
                cursor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS {column}")
