"""Is a task worker running? For the health endpoint and the admin's task screen."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from core.models import WorkerHeartbeat


def last_worker_heartbeat() -> datetime | None:
    """The last moment any task worker wrote its heartbeat, or None if none ever ran.

    Every worker (`manage.py db_worker`, core.task_worker) writes one every
    TASK_WORKER_HEARTBEAT_SECONDS, also in the middle of a long task. One query on an
    indexed column, safe to call from a load balancer's health check.
    """
    return WorkerHeartbeat.objects.aggregate(last=Max("last_seen_at"))["last"]


def worker_is_alive(now: datetime | None = None) -> bool:
    """True when some worker wrote its heartbeat within the lease
    (TASK_WORKER_LEASE_SECONDS): queued e-mails, index updates and imports are being run."""
    last = last_worker_heartbeat()
    if last is None:
        return False
    now = now or timezone.now()
    return now - last <= timedelta(seconds=settings.TASK_WORKER_LEASE_SECONDS)
