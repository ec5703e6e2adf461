"""Full-text structures over SearchEntry that Django's models cannot express.

SQLite: an FTS5 table with external content (the entry table) kept in sync by
triggers. PostgreSQL: a generated tsvector column, weighted A (title, identifiers),
B (summary), C (body), with a GIN index. Both read the pre-analysed *_terms columns,
so the database only splits on spaces. `ensure_schema` is idempotent: the migration
calls it, and so does post_migrate, because SQLite's table rebuilds in later
migrations of SearchEntry would drop the triggers.
"""

# ruff: noqa: S608 - the SQL here is built from this module's constant names only.

TABLE = "search_searchentry"
FTS_TABLE = "search_entry_fts"
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

_PG_VECTOR = f"""
ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
    || setweight(to_tsvector('simple'::regconfig, ident_terms), 'A')
    || setweight(to_tsvector('simple'::regconfig, summary_terms), 'B')
    || setweight(to_tsvector('simple'::regconfig, body_terms), 'C')
) STORED
"""
_PG_INDEX = (
    f"CREATE INDEX IF NOT EXISTS search_entry_vector_gin ON {TABLE} USING gin (search_vector)"
)


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
            cursor.execute(
                "SELECT 1 FROM information_schema.columns "
                "WHERE table_name = %s AND column_name = 'search_vector'",
                [TABLE],
            )
            has_column = cursor.fetchone() is not None
            cursor.execute(
                "SELECT 1 FROM pg_indexes WHERE tablename = %s AND indexname = %s",
                [TABLE, "search_entry_vector_gin"],
            )
            has_index = cursor.fetchone() is not None
            # No DDL when all is there: post_migrate may run inside a busy transaction.
            if not has_column:
                cursor.execute(_PG_VECTOR)
            if not has_index:
                cursor.execute(_PG_INDEX)
            return not (has_column and has_index)
    return False


def drop_schema(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in _SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        elif connection.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS search_entry_vector_gin")
            cursor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector")
