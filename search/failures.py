"""Index updates that failed: recorded for administrators, never only a log line, and
failing closed: the entry that could not be brought up to date is removed, because what
it says (who may see it, that the page is published) can no longer be trusted."""

import logging
from collections.abc import Callable
from contextlib import contextmanager

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from search.models import IndexFailure

logger = logging.getLogger(__name__)


@contextmanager
def guard(
    task: str, label: str, pk, remove: Callable[[], object] | None = None, reraise: bool = False
):
    """Run the block as TASK's update of the index for object LABEL/PK. On an error:
    REMOVE (in a transaction of its own) takes the object's entries out of the index,
    and the failure is recorded. With RERAISE (the worker's tasks) the error is then raised
    for the worker to try again; a task's error never reaches a request (publishing or
    uploading must not fail because of the index). On success an earlier failure of
    the same task for the object is forgotten (search.indexing forgets all of them for
    every object it indexes)."""
    try:
        yield
    except Exception as exc:
        logger.exception("Indeks wyszukiwarki: %s %s %s się nie udało", task, label, pk)
        removed = False
        if remove is not None:
            try:
                with transaction.atomic():
                    remove()
                removed = True
            except Exception:
                logger.exception("Indeks wyszukiwarki: nie udało się usunąć %s %s", label, pk)
        record(task, label, pk, exc, removed)
        if reraise:
            raise
    else:
        clear(label, [pk], task)


def record(task: str, label: str, pk, error: BaseException, removed: bool) -> None:
    message = f"{type(error).__name__}: {error}"[:2000]
    try:
        with transaction.atomic():
            failure, created = IndexFailure.objects.get_or_create(
                object_label=label,
                object_id=str(pk),
                task=task,
                defaults={"error": message, "removed": removed},
            )
            if not created:
                IndexFailure.objects.filter(pk=failure.pk).update(
                    error=message,
                    removed=removed,
                    attempts=F("attempts") + 1,
                    last_failed_at=timezone.now(),
                )
    except Exception:  # the database itself is what failed: the log is all there is
        logger.exception("Indeks wyszukiwarki: nie udało się zapisać błędu %s %s", label, pk)


def clear(label: str, pks, task: str | None = None) -> None:
    """Forget the failures of LABEL's objects PKS (of TASK only, if given)."""
    failures = IndexFailure.objects.filter(object_label=label, object_id__in=map(str, pks))
    if task is not None:
        failures = failures.filter(task=task)
    try:
        failures.delete()
    except Exception:
        logger.exception("Indeks wyszukiwarki: nie udało się usunąć wpisu o błędzie")
