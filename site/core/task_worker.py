"""The task worker: django_tasks_db's worker with a heartbeat, a lease and retries.

django_tasks_db runs each queued task once: a failure is final, and a task whose worker
dies (killed, out of memory, machine lost) stays "running" for ever. This worker adds:

- a heartbeat: a thread writes the worker's `WorkerHeartbeat` row every
  TASK_WORKER_HEARTBEAT_SECONDS, also while a long task runs;
- a lease: the same thread puts back in the queue every task that is running under a
  worker silent for longer than TASK_WORKER_LEASE_SECONDS, so another worker (on any
  machine) takes it up; the tasks are idempotent, so running one again is safe;
- fencing: a worker that was presumed dead and comes back does not overwrite the result
  of the worker that took its task over (every write names the claim it belongs to);
- retries: a task with a core.task_retry policy that fails is queued again after a
  growing delay; the last error is kept on the row, so administrators see it.

`manage.py db_worker` (core's command of that name replaces the package's) runs it.
"""

import contextlib
import logging
import os
import socket
import threading
import traceback
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from django_tasks.base import TaskContext, TaskResultStatus
from django_tasks.signals import task_finished, task_started
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from core.models import WorkerHeartbeat
from core.task_retry import policy_for

logger = logging.getLogger("django_tasks_db")

# Rows of workers gone for longer than this are deleted (they only serve the history).
FORGET_WORKERS_AFTER = timedelta(days=7)


def _claim_of(result: DBTaskResult):
    """The rows of RESULT's current claim: it is still running, started when we took it."""
    return DBTaskResult.objects.filter(
        pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
    )


def _error_text(error: BaseException) -> str:
    return "".join(traceback.format_exception(error))


def requeue_abandoned(backend_name: str, now=None) -> int:
    """Put back in the queue the tasks running under workers that stopped beating.

    A task counts as abandoned when it started more than a lease ago and the worker that
    claimed it last has not written its heartbeat for a lease (or has been restarted since
    the claim). Returns how many were
    put back. Safe to run from several workers at once: each reset names the claim it
    undoes, so a task is reset once and a claim made meanwhile is left alone.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.TASK_WORKER_LEASE_SECONDS)
    # Each live worker with the moment its process started: a worker restarted under the
    # same id (systemd's `--worker-id %H-%i`) did not make the claims of its predecessor.
    alive = dict(
        WorkerHeartbeat.objects.filter(last_seen_at__gte=cutoff).values_list(
            "worker_id", "started_at"
        )
    )
    requeued = 0
    running = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, backend_name=backend_name, started_at__lt=cutoff
    ).only("id", "worker_ids", "started_at", "task_path")
    for result in running:
        claimed_by = result.worker_ids[-1] if result.worker_ids else None
        if claimed_by in alive and alive[claimed_by] <= result.started_at:
            continue
        if _claim_of(result).update(status=TaskResultStatus.READY):
            requeued += 1
            logger.warning(
                "Task id=%s (%s) lost its worker %s; queued again.",
                result.pk,
                result.task_path,
                result.worker_ids[-1] if result.worker_ids else "?",
            )
    return requeued


class Heartbeat(threading.Thread):
    """Writes the worker's heartbeat and requeues abandoned tasks, every few seconds."""

    def __init__(self, worker_id: str, backend_name: str):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.backend_name = backend_name
        self.current_task_id = None
        self.stopped = threading.Event()

    def first_beat(self) -> None:
        """The worker's row as its process starts (a restart under the same id too)."""
        now = timezone.now()
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "hostname": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": now,
                "last_seen_at": now,
                "current_task_id": None,
            },
        )

    def beat(self) -> None:
        # One UPDATE, no transaction around it: on SQLite a read-then-write transaction
        # beside the task's own would fail at once ("database is locked") instead of
        # waiting for the lock.
        WorkerHeartbeat.objects.filter(worker_id=self.worker_id).update(
            last_seen_at=timezone.now(), current_task_id=self.current_task_id
        )

    def run(self) -> None:
        interval = settings.TASK_WORKER_HEARTBEAT_SECONDS
        try:
            while not self.stopped.wait(interval):
                try:
                    close_old_connections()
                    self.beat()
                    requeue_abandoned(self.backend_name)
                    WorkerHeartbeat.objects.filter(
                        last_seen_at__lt=timezone.now() - FORGET_WORKERS_AFTER
                    ).delete()
                except Exception:
                    # A database hiccup: the next beat tries again; a lease is several beats.
                    logger.exception("Worker %s: heartbeat failed", self.worker_id)
        finally:
            connection.close()  # this thread's own connection

    def stop(self) -> None:
        self.stopped.set()


class Worker(db_worker.Worker):
    """django_tasks_db's polling loop, with a heartbeat, the lease and retries."""

    def run(self) -> None:
        self.heartbeat = Heartbeat(self.worker_id, self.backend_name)
        # The first beat before the first claim: no claim of ours ever looks abandoned.
        self.heartbeat.first_beat()
        requeue_abandoned(self.backend_name)
        self.heartbeat.start()
        try:
            super().run()
        finally:
            self.heartbeat.stop()
            self._release_own_claims()

    def _release_own_claims(self) -> None:
        """On the way out, put back what this worker still holds (a stop signal that came
        between a claim and its task's start): other workers need not wait for the lease."""
        try:
            running = DBTaskResult.objects.filter(
                status=TaskResultStatus.RUNNING, backend_name=self.backend_name
            ).only("id", "worker_ids", "started_at")
            for result in running:
                if result.worker_ids and result.worker_ids[-1] == self.worker_id:
                    _claim_of(result).update(status=TaskResultStatus.READY)
        except Exception:
            logger.exception(
                "Worker %s: could not release its tasks; the lease will", self.worker_id
            )

    def run_task(self, db_task_result: DBTaskResult) -> None:
        self.running_task = True
        self.heartbeat.current_task_id = db_task_result.pk
        try:
            self._run(db_task_result)
        finally:
            self.heartbeat.current_task_id = None
            self.running_task = False
            self._run_tasks += 1

    def _run(self, db_result: DBTaskResult) -> None:
        try:
            task = db_result.task
            task_result = db_result.task_result
            backend_type = type(task.get_backend())
            task_started.send(sender=backend_type, task_result=task_result)
            if task.takes_context:
                value = task.call(
                    TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
                )
            else:
                value = task.call(*task_result.args, **task_result.kwargs)
            # Inside the try: a return value that cannot be stored fails the task.
            finished = _claim_of(db_result).update(
                status=TaskResultStatus.SUCCESSFUL,
                finished_at=timezone.now(),
                return_value=value,
                exception_class_path="",
                traceback="",
            )
        except (KeyboardInterrupt, SystemExit):
            # Stopped by a second Ctrl-C or SIGTERM: not the task's fault; another run
            # (or the next start of this worker) takes it up at once.
            _claim_of(db_result).update(status=TaskResultStatus.READY)
            raise
        except Exception as error:
            self._failed(db_result, error)
            return
        if not finished:
            logger.warning("Task id=%s was taken over by another worker meanwhile.", db_result.pk)
            return
        db_result.refresh_from_db()
        task_finished.send(sender=backend_type, task_result=db_result.task_result)

    def _failed(self, db_result: DBTaskResult, error: Exception) -> None:
        attempt = len(db_result.worker_ids)
        policy = policy_for(db_result.task_path)
        error_path = f"{type(error).__module__}.{type(error).__qualname__}"
        if policy is not None and policy.should_retry(error, attempt):
            delay = policy.delay(attempt)
            logger.warning(
                "Task id=%s (%s) failed (attempt %d of %d): %r; next attempt in %s.",
                db_result.pk,
                db_result.task_path,
                attempt,
                policy.attempts,
                error,
                delay,
            )
            # Back in the queue, with the error kept for the admin's list of tasks.
            _claim_of(db_result).update(
                status=TaskResultStatus.READY,
                run_after=timezone.now() + delay,
                exception_class_path=error_path,
                traceback=_error_text(error),
            )
            return
        failed = _claim_of(db_result).update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            return_value=None,
            exception_class_path=error_path,
            traceback=_error_text(error),
        )
        if failed:
            db_result.refresh_from_db()
            # django_tasks logs it (with the traceback). A task whose code is gone: its row
            # says why.
            with contextlib.suppress(ImportError):
                task_finished.send(
                    sender=type(db_result.task.get_backend()), task_result=db_result.task_result
                )
