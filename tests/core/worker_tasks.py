"""Tasks for the worker's tests (importable by a worker process: `tests.core.worker_tasks`)."""

from django_tasks import task

from core.task_retry import RetryPolicy, retry_on_failure


@task(takes_context=True)
def fails_once(context, marker: str) -> str:
    """Fails on its first run (a passing outage), succeeds on the next."""
    if len(context.task_result.worker_ids) < 2:
        raise ConnectionError("serwer chwilowo niedostępny")
    return marker


@task()
def always_unreachable() -> None:
    raise ConnectionError("serwer nie odpowiada")


@task()
def wrong_for_good() -> None:
    raise ValueError("zły argument")


retry_on_failure(fails_once.module_path, RetryPolicy(attempts=3, on=(ConnectionError,)))
retry_on_failure(always_unreachable.module_path, RetryPolicy(attempts=3, on=(ConnectionError,)))
# wrong_for_good has no policy: its first failure is final.
