from django.db import migrations

from search.backends.schema import drop_schema, ensure_schema


def forwards(apps, schema_editor):
    ensure_schema(schema_editor.connection)


def backwards(apps, schema_editor):
    drop_schema(schema_editor.connection)


class Migration(migrations.Migration):
    """FTS5 table and triggers on SQLite; tsvector column and GIN index on PostgreSQL."""

    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
