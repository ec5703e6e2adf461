from django.db import migrations

from search.backends.schema import ensure_schema


def forwards(apps, schema_editor):
    ensure_schema(schema_editor.connection)


class Migration(migrations.Migration):
    """PostgreSQL: the whole-text vectors move to a narrow table of their own, and the
    title and head get small vectors for ranking (search.backends.schema). Nothing
    changes on SQLite."""

    dependencies = [("search", "0003_entry_refresh_at")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
