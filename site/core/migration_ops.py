"""Migration operations of the project's own (import them in migrations only)."""

from django.db import migrations


class VendorRunSQL(migrations.RunSQL):
    """RunSQL that runs on one database vendor ("postgresql", "sqlite") and is a no-op on
    the others: full-text structures differ by database, but belong in migrations all
    the same (versioned, reversible, run once under `migrate`'s lock)."""

    def __init__(self, vendor: str, sql, reverse_sql, **kwargs):
        self.vendor = vendor
        super().__init__(sql, reverse_sql, **kwargs)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, args, {"vendor": self.vendor, **kwargs}

    def describe(self):
        return f"Raw SQL operation ({self.vendor} only)"

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)
