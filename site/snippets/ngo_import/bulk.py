"""Inserting many rows fast: PostgreSQL's COPY, else Django's bulk_create.

An import writes a revision, two or three history entries and reference-index rows per
record; as INSERT statements with thousands of parameters, 50,000 records spend most of
their time building and parsing SQL. COPY streams the same rows. Keys are taken from the
table's sequence first, so callers get them as with bulk_create.
"""

from django.db import connection

BATCH = 1000  # rows per INSERT where COPY is not available


def _copy_supported() -> bool:
    return connection.vendor == "postgresql"


def _take_keys(model, count: int) -> list[int]:
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, column, count],
        )
        return [key for (key,) in cursor.fetchall()]


def insert(model, objects: list, *, ignore_conflicts: bool = False) -> None:
    """Insert OBJECTS (unsaved instances of MODEL) and set their keys."""
    if not objects:
        return
    if not _copy_supported() or ignore_conflicts:
        model.objects.bulk_create(objects, batch_size=BATCH, ignore_conflicts=ignore_conflicts)
        return
    for obj, key in zip(objects, _take_keys(model, len(objects)), strict=True):
        obj.pk = key
    fields = model._meta.concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    # The driver's own cursor (`.cursor`): COPY is psycopg's, not part of Django's API;
    # its errors are turned into Django's (IntegrityError...) as a query's would be.
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.cursor.copy(statement) as copy,
    ):
        for obj in objects:
            copy.write_row(
                [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
            )
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias
