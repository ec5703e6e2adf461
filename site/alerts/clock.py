"""What the clock sets off: moments the sources name (a consultation opening, its last 3
days, a deadline near) and the daily and weekly digests at the time the site sets.

`manage.py send_alerts`, run by cron every few minutes, calls `tick()`; it only queues
tasks, the worker sends. Each run continues from the moment the previous one reached
(`ClockMark`), so a missed run is caught up, and an event already announced is never
announced again (alerts.fanout).
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from alerts import tasks
from alerts.models import Delivery, Frequency, Subscriber
from alerts.registry import all_sources
from core.models import ClockMark

FIRST_LOOKBACK = timedelta(days=1)  # how far back the very first run looks


def digest_time() -> time:
    hour, minute = str(getattr(settings, "ALERTS_DIGEST_TIME", "07:00")).split(":")
    return time(int(hour), int(minute))


def last_digest_due(frequency: str, now: datetime) -> datetime:
    """The latest moment at or before NOW when FREQUENCY's digest was due."""
    local = timezone.localtime(now)
    due = timezone.make_aware(datetime.combine(local.date(), digest_time()))
    if due > now:
        due -= timedelta(days=1)
    if frequency == Frequency.WEEKLY:
        weekday = int(getattr(settings, "ALERTS_WEEKLY_DIGEST_WEEKDAY", 0))
        due -= timedelta(days=(timezone.localtime(due).weekday() - weekday) % 7)
    return due


def announce_due(now: datetime) -> int:
    """Queue the moments every source's clock reached since the last run."""
    mark = ClockMark.held("alerts:triggers", now - FIRST_LOOKBACK)
    queued = 0
    for source in all_sources():
        for obj, moment in source.due(mark.at, now):
            tasks.announce.enqueue(source.kind, str(obj.pk), [moment])
            queued += 1
    mark.at = now
    mark.save(update_fields=["at"])
    return queued


def send_due_digests(frequency: str, now: datetime) -> int:
    """Queue FREQUENCY's digests when their moment has come since the last run."""
    due = last_digest_due(frequency, now)
    # The mark is the due moment of the last digest sent (before the first run: none).
    mark = ClockMark.held(f"alerts:digest:{frequency}", due - timedelta(microseconds=1))
    if mark.at >= due:
        return 0
    subscriber_ids = sorted(
        set(
            Delivery.objects.filter(
                state=Delivery.State.PENDING,
                frequency=frequency,
                subscriber__state=Subscriber.State.ACTIVE,
            ).values_list("subscriber_id", flat=True)
        )
    )
    for ids in tasks.in_batches(subscriber_ids):
        tasks.send_digests.enqueue(frequency, ids)
    mark.at = due
    mark.save(update_fields=["at"])
    return len(subscriber_ids)


def tick(now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    with transaction.atomic():
        return {
            "moments": announce_due(now),
            "daily": send_due_digests(Frequency.DAILY, now),
            "weekly": send_due_digests(Frequency.WEEKLY, now),
        }
