"""The worker (core.task_worker) in this process: retries, final failures, the lease.

A worker process of its own, killed in the middle of a task, is in
test_task_worker_process.py (PostgreSQL)."""

from datetime import timedelta

from django.utils import timezone

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.models import WorkerHeartbeat
from core.task_retry import RetryPolicy
from core.task_worker import _claim_of, requeue_abandoned
from core.worker_health import last_worker_heartbeat, worker_is_alive
from tests.core import worker_tasks

# Committed, not in a test transaction: the worker's loop (close_old_connections) closes a
# connection left inside one, as it would in production. serialized_rollback puts back the
# data migrations' rows (root page and collection, groups) that the flush removes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_passing_failure_is_retried_and_then_succeeds(run_worker):
    result = worker_tasks.fails_once.enqueue("gotowe")
    run_worker()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == "gotowe"
    assert len(row.worker_ids) == 2
    assert row.traceback == ""  # the first attempt's error is gone once it succeeded


def test_retries_end_in_a_final_failure_with_its_error(run_worker):
    result = worker_tasks.always_unreachable.enqueue()
    run_worker()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.FAILED
    assert len(row.worker_ids) == 3  # the policy's three attempts
    assert row.exception_class_path == "builtins.ConnectionError"
    assert "serwer nie odpowiada" in row.traceback


def test_an_error_without_a_policy_is_final_at_once(run_worker):
    result = worker_tasks.wrong_for_good.enqueue()
    run_worker()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.FAILED
    assert len(row.worker_ids) == 1
    assert "zły argument" in row.traceback


def test_a_retry_waits_longer_each_time(settings):
    settings.TASK_RETRY_DELAY_SECONDS = 30
    policy = RetryPolicy(attempts=6, max_delay_seconds=300)
    assert [policy.delay(n).total_seconds() for n in range(1, 6)] == [30, 60, 120, 240, 300]
    assert policy.should_retry(OSError(), 5)
    assert not policy.should_retry(OSError(), 6)
    assert not RetryPolicy(on=(OSError,)).should_retry(ValueError(), 1)


def test_a_retry_is_not_run_before_its_time(run_worker, settings):
    result = worker_tasks.fails_once.enqueue("później")
    settings.TASK_RETRY_DELAY_SECONDS = 3600
    run_worker()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.READY
    assert row.run_after > timezone.now() + timedelta(minutes=59)
    assert "chwilowo niedostępny" in row.traceback  # the admin sees why it waits


def _running(worker_id: str, started_minutes_ago: int) -> DBTaskResult:
    result = worker_tasks.wrong_for_good.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        worker_ids=[worker_id],
        started_at=timezone.now() - timedelta(minutes=started_minutes_ago),
    )
    return DBTaskResult.objects.get(pk=result.id)


def _beat(worker_id: str, seconds_ago: int, started_minutes_ago: int = 60) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        hostname="test",
        pid=1,
        started_at=now - timedelta(minutes=started_minutes_ago),
        last_seen_at=now - timedelta(seconds=seconds_ago),
    )


def test_a_task_whose_worker_went_silent_is_queued_again_once(database_tasks, settings):
    settings.TASK_WORKER_LEASE_SECONDS = 60
    _beat("zywy", seconds_ago=5)
    _beat("martwy", seconds_ago=600)
    alive = _running("zywy", started_minutes_ago=30)
    dead = _running("martwy", started_minutes_ago=30)
    never_beat = _running("bez-sygnalu", started_minutes_ago=30)
    just_started = _running("martwy", started_minutes_ago=0)  # within its lease still
    assert requeue_abandoned("default") == 2
    statuses = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert statuses[alive.pk] == TaskResultStatus.RUNNING
    assert statuses[dead.pk] == TaskResultStatus.READY
    assert statuses[never_beat.pk] == TaskResultStatus.READY
    assert statuses[just_started.pk] == TaskResultStatus.RUNNING
    assert requeue_abandoned("default") == 0  # another worker doing the same finds nothing


def test_a_worker_restarted_under_the_same_id_does_not_keep_its_predecessors_task(
    database_tasks, settings
):
    """systemd restarts a crashed `--worker-id host-1` at once: the new process beats, but
    the task the old one claimed is abandoned all the same."""
    settings.TASK_WORKER_LEASE_SECONDS = 60
    claimed = _running("host-1", started_minutes_ago=30)
    _beat("host-1", seconds_ago=1, started_minutes_ago=0)  # the new process, just started
    assert requeue_abandoned("default") == 1
    assert DBTaskResult.objects.get(pk=claimed.pk).status == TaskResultStatus.READY


def test_a_worker_presumed_dead_does_not_overwrite_the_new_claim(database_tasks):
    """Fencing: the result of a claim that was taken over is not written."""
    stale = _running("martwy", started_minutes_ago=30)
    DBTaskResult.objects.filter(pk=stale.pk).update(
        worker_ids=["martwy", "nowy"], started_at=timezone.now()
    )
    assert _claim_of(stale).update(status=TaskResultStatus.SUCCESSFUL) == 0
    assert DBTaskResult.objects.get(pk=stale.pk).status == TaskResultStatus.RUNNING


def test_the_heartbeat_tells_whether_a_worker_is_alive(run_worker, settings):
    settings.TASK_WORKER_LEASE_SECONDS = 60
    assert last_worker_heartbeat() is None
    assert not worker_is_alive()
    run_worker("bijace-serce")
    beat = WorkerHeartbeat.objects.get(worker_id="bijace-serce")
    assert last_worker_heartbeat() == beat.last_seen_at
    assert worker_is_alive()
    assert not worker_is_alive(now=beat.last_seen_at + timedelta(seconds=61))


def test_a_stopping_worker_puts_back_a_task_it_claimed_but_did_not_run(run_worker):
    """A stop signal between a claim and the task's start: the task goes back at once."""
    held = _running("test-worker", started_minutes_ago=0)
    other = _running("inny", started_minutes_ago=0)
    run_worker("test-worker")
    assert DBTaskResult.objects.get(pk=held.pk).status == TaskResultStatus.READY
    assert DBTaskResult.objects.get(pk=other.pk).status == TaskResultStatus.RUNNING
