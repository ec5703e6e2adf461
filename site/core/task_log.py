"""A task's final failure is logged, whatever backend ran it.

The immediate backend (tests, TASKS_BACKEND=immediate) records a task's error only on its
result object, which nobody reads; the worker keeps it on the task's row, which the admin
lists (core.admin_tasks). Either way the log gets one line with the traceback too.
"""

import logging

from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished

logger = logging.getLogger("core.tasks")


def log_failure(sender, task_result, **kwargs) -> None:
    if task_result.status != TaskResultStatus.FAILED:
        return
    error = task_result.errors[-1] if task_result.errors else None
    logger.error(
        "Zadanie %s (id=%s) nie powiodło się.\n%s",
        task_result.task.module_path,
        task_result.id,
        error.traceback if error else "",
    )


def connect() -> None:
    task_finished.connect(log_failure, dispatch_uid="core_task_failure_log")
