"""Which tasks the worker tries again after a failure, how often and how soon.

A task that can fail for a passing reason (an SMTP server or a search cluster briefly
unreachable, a database deadlock) is registered here; core.task_worker puts it back in
the queue after a delay that doubles with each attempt, and only its last failure is
final (and listed for administrators). Only idempotent tasks may be registered: a retry,
like a take-over after a worker died, runs the task again from its start.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5  # runs in all, the first one included
    on: tuple[type[BaseException], ...] = (Exception,)
    max_delay_seconds: int = 60 * 60

    def should_retry(self, error: BaseException, attempt: int) -> bool:
        """True when ERROR, raised by run number ATTEMPT (from 1), deserves another run."""
        return attempt < self.attempts and isinstance(error, self.on)

    def delay(self, attempt: int) -> timedelta:
        """The wait before run ATTEMPT + 1: TASK_RETRY_DELAY_SECONDS, doubled each time."""
        seconds = settings.TASK_RETRY_DELAY_SECONDS * 2 ** max(attempt - 1, 0)
        return timedelta(seconds=min(seconds, self.max_delay_seconds))


_POLICIES: dict[str, RetryPolicy] = {}


def retry_on_failure(task_path: str, policy: RetryPolicy) -> None:
    """Register POLICY for the task at TASK_PATH (its module path, e.g. `search.tasks.x`)."""
    _POLICIES[task_path] = policy


def retrying(policy: RetryPolicy):
    """Decorator over `@task()`: `@retrying(RetryPolicy(on=(OSError,)))`."""

    def register(task):
        retry_on_failure(task.module_path, policy)
        return task

    return register


def policy_for(task_path: str) -> RetryPolicy | None:
    return _POLICIES.get(task_path)


# Wagtail's own tasks, queued on every save: its search index (the admin's choosers) and
# its reference index. Both write an object's current state; a database deadlock or lock
# timeout, or a search service that is briefly away, passes. Not DoesNotExist: an object
# deleted before its task ran is gone for good.
_WAGTAIL_PASSING = (DatabaseError, ConnectionError, TimeoutError)
retry_on_failure(
    "modelsearch.tasks.insert_or_update_object_task",
    RetryPolicy(attempts=5, on=_WAGTAIL_PASSING),
)
retry_on_failure(
    "wagtail.tasks.update_reference_index_task", RetryPolicy(attempts=5, on=_WAGTAIL_PASSING)
)
