"""Full-text structures over SearchEntry that Django's models cannot express: their
names, a check that they exist, and the maintenance that is not DDL.

They are made by the migration search/0005_fulltext_schema and nowhere else.
SQLite: an FTS5 table with external content (the entry table) kept in sync by row
triggers. PostgreSQL:
- search_entry_vector (id, facet, date, the set of all the entry's terms as a
  tsvector) and search_entry_title (the same with the title's and identifiers' terms),
  narrow tables with a GIN index on each vector: matching, the facet counts and the
  title tier of the ranking read only GIN postings and small rows that stay in memory.
  Statement triggers keep them in step with the entry table.
- search_entry_rank (id, a weighted vector with positions: title and identifiers A,
  summary B, the body's first 1,000 terms D; migration 0007) ranks the entries whose
  query words are partly in the body only, when they are few; the title table's
  vector has positions too (title A, identifiers B), for ts_rank_cd.
- search_entry_facet numbers each (kind, state, visibility) met: the counts group one
  small integer per match, and filter the groups, not the matches.
- head_vector (title, identifiers: A; summary: B) on the entry table, with a GIN index,
  for ranking the entries that have the query in their head but not in the title.
- SQL functions for the facet counts and for "does anything match" (with their own
  planner settings), and one that refills the narrow tables (`search_index repair`).
All read the pre-analysed *_terms columns, so the database only splits on spaces.

A migration that makes SQLite rebuild the entry table (Django does, for many
AlterField/AddField) drops its triggers: such a migration must create them again
(tests/search/test_schema.py fails otherwise).
"""

# ruff: noqa: S608 - the SQL here is built from this module's constant names only.

TABLE = "search_searchentry"
FTS_TABLE = "search_entry_fts"
VECTOR_TABLE = "search_entry_vector"
TITLE_TABLE = "search_entry_title"
FACET_TABLE = "search_entry_facet"
RANK_TABLE = "search_entry_rank"
COLUMNS = ("title_terms", "ident_terms", "summary_terms", "body_terms")

_SQLITE_OBJECTS = {
    "table": [FTS_TABLE],
    "trigger": ["search_entry_fts_ai", "search_entry_fts_ad", "search_entry_fts_au"],
}
_PG_GIN_INDEXES = ("search_entry_vector_gin", "search_entry_title_gin", "search_entry_head_gin")
_PG_OBJECTS = {
    "table": [VECTOR_TABLE, TITLE_TABLE, FACET_TABLE, RANK_TABLE],
    "index": list(_PG_GIN_INDEXES),
    "column": ["head_vector"],
    "function": [
        "search_entry_vector_sync()",
        "search_entry_vector_refill()",
        "search_entry_facets(tsquery,text[])",
        "search_entry_any(tsquery,text[])",
        'search_terms_vector(text,"char",integer)',
    ],
    "trigger": [
        "search_entry_vector_ai",
        "search_entry_vector_au",
        "search_entry_vector_ad",
        "search_entry_vector_at",
    ],
}


def missing_objects(connection) -> list[str]:
    """The full-text objects the migrations made that CONNECTION's database lacks, as
    "kind name". Names resolve through the connection's search_path, as the app's own
    queries do (never by a bare name in a catalog view of every schema)."""
    missing = []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for kind, names in _SQLITE_OBJECTS.items():
                for name in names:
                    cursor.execute(
                        "SELECT 1 FROM sqlite_master WHERE type = %s AND name = %s", [kind, name]
                    )
                    if cursor.fetchone() is None:
                        missing.append(f"{kind} {name}")
        elif connection.vendor == "postgresql":
            probes = {
                "table": "SELECT to_regclass(%s) IS NOT NULL",
                "index": "SELECT to_regclass(%s) IS NOT NULL",
                "function": "SELECT to_regprocedure(%s) IS NOT NULL",
                "column": "SELECT EXISTS (SELECT FROM pg_attribute WHERE attrelid = "
                f"to_regclass('{TABLE}') AND attname = %s AND NOT attisdropped)",
                "trigger": "SELECT EXISTS (SELECT FROM pg_trigger WHERE tgrelid = "
                f"to_regclass('{TABLE}') AND tgname = %s)",
            }
            for kind, names in _PG_OBJECTS.items():
                for name in names:
                    cursor.execute(probes[kind], [name])
                    if not cursor.fetchone()[0]:
                        missing.append(f"{kind} {name}")
    return missing


def refill(connection) -> None:
    """Make the full-text structures again from the entries, in the caller's
    transaction (searchers see the old ones until it commits). DML only."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
        elif connection.vendor == "postgresql":
            cursor.execute("SELECT search_entry_vector_refill()")


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


# The migrations 0002 and 0004 (which cannot be edited) import these two; they made
# the structures at run time. 0005 makes them now, whatever state it finds.
def ensure_schema(connection) -> bool:
    return False


def drop_schema(connection) -> None:
    return None
