"""Inserting many rows fast: PostgreSQL's COPY, else Django's bulk_create.

An import writes a revision, two or three history entries and reference-index rows per
record; as INSERT statements with thousands of parameters, 50,000 records spend most of
their time building and parsing SQL. COPY streams the same rows. Keys are taken from the
table's sequence first, so callers get them as with bulk_create.
"""

from django.db import connection, models

# Fields whose value goes to the database as it is when it is already of the column's
# Python type (their get_db_prep_save only converts other types): skipping Django's
# per-value conversion is most of the time of preparing a row.
PLAIN_TYPES = {
    models.AutoField: int,
    models.BigAutoField: int,
    models.IntegerField: int,
    models.PositiveIntegerField: int,
    models.BigIntegerField: int,
    models.CharField: str,
    models.TextField: str,
    models.SlugField: str,
    models.EmailField: str,
    models.URLField: str,
    models.BooleanField: bool,
}

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
    prepare = [_preparer(field) for field in fields]
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
            copy.write_row([value(obj) for value in prepare])
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias


def _plain_type(field):
    if isinstance(field, models.ForeignKey):
        field = field.target_field
    return PLAIN_TYPES.get(type(field))


def _preparer(field):
    """FIELD's value of an object, ready for the database (as Django's insert gives it)."""
    attname, plain = field.attname, _plain_type(field)

    def prepared(obj):
        return field.get_db_prep_save(field.pre_save(obj, True), connection)

    if plain is None or type(field).pre_save is not models.Field.pre_save:
        return prepared

    def value(obj):
        value = getattr(obj, attname)
        if value is None or type(value) is plain:
            return value
        return prepared(obj)

    return value
