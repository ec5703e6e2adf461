"""Migration alerts 0002 moves the clock's marks to core.ClockMark as "alerts:<job>" and
back: a lost mark would make the next run look back only a day, and could send a digest
already sent again."""

from datetime import UTC, datetime

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

from core.models import ClockMark

BEFORE = [("alerts", "0001_subscriptions_and_deliveries"), ("core", "0009_clock_mark")]
MOVED = [("alerts", "0002_clock_mark_in_core")]
DIGEST_SENT = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
TRIGGERS_RAN = datetime(2026, 12, 1, 9, 5, tzinfo=UTC)


def migrate_to(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_marks_move_to_core_and_back():
    ClockMark.objects.create(name="webhooks", at=TRIGGERS_RAN)  # another job's: untouched
    try:
        old_apps = migrate_to(BEFORE)
        old_marks = old_apps.get_model("alerts", "ClockMark").objects
        assert not old_marks.exists()
        old_marks.create(name="triggers", at=TRIGGERS_RAN)
        old_marks.create(name="digest:weekly", at=DIGEST_SENT)
        new_apps = migrate_to(MOVED)
        moved = new_apps.get_model("core", "ClockMark").objects
        assert dict(moved.values_list("name", "at")) == {
            "alerts:triggers": TRIGGERS_RAN,
            "alerts:digest:weekly": DIGEST_SENT,
            "webhooks": TRIGGERS_RAN,
        }
        back_apps = migrate_to(BEFORE)
        back = back_apps.get_model("alerts", "ClockMark").objects
        assert dict(back.values_list("name", "at")) == {
            "triggers": TRIGGERS_RAN,
            "digest:weekly": DIGEST_SENT,
        }
        migrate_to(MOVED)
    finally:
        leaf = MigrationExecutor(connection).loader.graph.leaf_nodes("alerts")[0]
        migrate_to([leaf])
    assert ClockMark.objects.filter(name="alerts:triggers").exists()
