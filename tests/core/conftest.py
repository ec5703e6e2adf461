"""The worker's tests queue tasks in the database (the suite's default runs them at once)."""

import pytest

from core.task_worker import Worker

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings):
    """Tasks are queued in the database, as in production, and wait for a worker."""
    settings.TASKS = DATABASE_TASKS
    settings.TASK_RETRY_DELAY_SECONDS = 0


@pytest.fixture
def run_worker(database_tasks):
    """Runs a real worker (core.task_worker) in this process until nothing is due."""

    def run(worker_id: str = "test-worker") -> None:
        Worker(
            queue_names=["default"],
            excluded_queue_names=[],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
        ).run()

    return run
