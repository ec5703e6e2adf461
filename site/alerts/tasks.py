"""The worker's part: announce a moment to its subscribers, then send in batches.

Every task is idempotent: `announce` finds the event and deliveries already stored
(database uniqueness), the senders send only what is still pending.
"""

import smtplib

from django.conf import settings
from django.db import DatabaseError

from django_tasks import task

from alerts import delivery, fanout
from alerts.registry import source_for
from alerts.visibility import describe_public
from core.task_retry import RetryPolicy, retrying


def batch_size() -> int:
    return int(getattr(settings, "ALERTS_BATCH_SIZE", 500))


def in_batches(ids: list[int]) -> list[list[int]]:
    size = batch_size()
    return [ids[start : start + size] for start in range(0, len(ids), size)]


@retrying(RetryPolicy(attempts=5, on=(DatabaseError,)))
@task()
def announce(kind: str, object_pk: str, moments: list[str]) -> str:
    """Queue MOMENTS of the item for every matching address, if it is public now."""
    source = source_for(kind)
    obj = source.get_object(object_pk) if source else None
    item = describe_public(source, obj) if obj is not None else None
    if item is None:
        return "pozycja niepubliczna lub usunięta: nic nie wysłano"
    queued = sum(fanout.record(kind, object_pk, moment, item, queue_sends) for moment in moments)
    return f"od razu: {queued}"


def queue_sends(delivery_ids: list[int]) -> None:
    for ids in in_batches(delivery_ids):
        send_immediate.enqueue(ids)


# A mail server that is down or answers 4xx is usually back within the hour.
@retrying(RetryPolicy(attempts=6, on=(smtplib.SMTPException, OSError, DatabaseError)))
@task()
def send_immediate(delivery_ids: list[int]) -> str:
    return f"wysłano {delivery.send_immediate(delivery_ids)}"


@retrying(RetryPolicy(attempts=6, on=(smtplib.SMTPException, OSError, DatabaseError)))
@task()
def send_digests(frequency: str, subscriber_ids: list[int]) -> str:
    return f"wysłano {delivery.send_digests(frequency, subscriber_ids)}"
