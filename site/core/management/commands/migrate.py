"""Django's migrate, one at a time per database.

Several app servers may run `migrate` as they start. Django takes no lock: both would
find the same migrations unapplied and run them at once (DDL racing, data migrations
run twice). On PostgreSQL this holds a session advisory lock for the whole command, so
the second waits, then finds the first one's migrations applied and does nothing.
"""

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections

# Any constant of our own: advisory locks are per database, and nothing else takes this.
LOCK_KEY = 7234872716924119399  # int.from_bytes(b"dgngomig") % 2**63


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            return super().handle(*args, **options)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        try:
            return super().handle(*args, **options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
