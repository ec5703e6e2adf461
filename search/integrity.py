"""Whether the full-text structures agree with the entries (`search_index status`), and
a cheap summary for the health endpoint (index_health)."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from search.backends.schema import (
    FACET_TABLE,
    FTS_TABLE,
    RANK_TABLE,
    TABLE,
    TITLE_TABLE,
    VECTOR_TABLE,
)
from search.backends.schema import missing_objects as missing_schema_objects
from search.models import IndexFailure, SearchEntry
from search.refresh import due_entries

# ruff: noqa: S608 - the SQL here is built from constant table names only.

# A refresh-due run (cron or the worker's clock) is late when entries have waited longer.
REFRESH_LATE = timedelta(hours=1)


@dataclass
class TableCheck:
    table: str
    rows: int
    missing: int  # entries without a row here
    extra: int  # rows without an entry
    stale: int = 0  # rows whose kind, state, visibility or date differ from the entry's

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.stale)


@dataclass
class IndexCheck:
    entries: int
    missing_objects: list[str]
    tables: list[TableCheck] = field(default_factory=list)
    facet_numbers: tuple[int, int] | None = None  # (last taken, maximum), PostgreSQL

    @property
    def ok(self) -> bool:
        return not self.missing_objects and all(table.ok for table in self.tables)


def _count(cursor, sql: str) -> int:
    cursor.execute(sql)
    return cursor.fetchone()[0]


def _missing_and_extra(cursor, table: str) -> tuple[int, int, int]:
    return (
        _count(cursor, f"SELECT count(*) FROM {table}"),
        _count(
            cursor,
            f"SELECT count(*) FROM {TABLE} e WHERE NOT EXISTS (SELECT 1 FROM {table} t "
            "WHERE t.id = e.id)",
        ),
        _count(
            cursor,
            f"SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM {TABLE} e "
            "WHERE e.id = t.id)",
        ),
    )


def check_index() -> IndexCheck:
    """Compare every full-text table with the entry table, row by row (by id)."""
    result = IndexCheck(SearchEntry.objects.count(), missing_schema_objects(connection))
    if result.missing_objects:
        return result
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # The FTS5 table reads its text from the entries; its own rows are in _docsize.
            rows, missing, extra = _missing_and_extra(cursor, f"{FTS_TABLE}_docsize")
            result.tables.append(TableCheck(FTS_TABLE, rows, missing, extra))
        elif connection.vendor == "postgresql":
            for table in (VECTOR_TABLE, TITLE_TABLE):
                rows, missing, extra = _missing_and_extra(cursor, table)
                # The facet decides who finds a row: a stale one could show a restricted
                # entry to everyone.
                stale = _count(
                    cursor,
                    f"SELECT count(*) FROM {table} t JOIN {TABLE} e USING (id) "
                    f"LEFT JOIN {FACET_TABLE} f ON f.id = t.facet "
                    "WHERE f.id IS NULL OR f.kind <> e.kind OR f.state <> e.state "
                    "OR f.visibility <> e.visibility OR t.date IS DISTINCT FROM e.date",
                )
                result.tables.append(TableCheck(table, rows, missing, extra, stale))
            rows, missing, extra = _missing_and_extra(cursor, RANK_TABLE)
            result.tables.append(TableCheck(RANK_TABLE, rows, missing, extra))
            cursor.execute(
                "SELECT coalesce(pg_sequence_last_value(seqrelid), 0), seqmax FROM pg_sequence "
                "WHERE seqrelid = pg_get_serial_sequence(%s, 'id')::regclass",
                [FACET_TABLE],
            )
            result.facet_numbers = cursor.fetchone()
    return result


def index_health() -> dict:
    """What a health endpoint reports of the search index, in a few cheap queries:
    failed updates (search.failures), the clock's refreshes running late (no cron or
    worker clock), and full-text objects missing. ok is False when any of them is."""
    failures = IndexFailure.objects.count()
    late = due_entries(timezone.now() - REFRESH_LATE).count()
    missing = missing_schema_objects(connection)
    return {
        "ok": not (failures or late or missing),
        "failed_updates": failures,
        "late_refreshes": late,
        "missing_objects": missing,
    }
