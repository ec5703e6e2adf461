"""Sending pending deliveries: one message per item (immediate) or per address (digest).

Runs in the worker (alerts.tasks). Messages go out through EMAIL_DELIVERY_BACKEND on one
connection per batch, in chunks; each chunk is marked sent as soon as the backend took
it, so a retry (or a take-over after a worker died) sends only what is still pending.
A worker that dies between the server's answer and that write sends at most one chunk
twice: e-mail is delivered at least once, as in core.mail.

Before sending, each item is checked again: one that stopped being public since it was
queued (unpublished, restricted) is withdrawn, never sent.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone

from alerts import messages
from alerts.models import AlertEvent, Delivery, Frequency, Subscriber
from alerts.registry import source_for
from alerts.visibility import describe_public

CHUNK = 100


class PublicCheck:
    """Whether each event's item is still public, looked up once per batch."""

    def __init__(self):
        self._known: dict[int, bool] = {}

    def __call__(self, event: AlertEvent) -> bool:
        if event.pk not in self._known:
            source = source_for(event.kind)
            obj = source.get_object(event.object_pk) if source else None
            self._known[event.pk] = obj is not None and describe_public(source, obj) is not None
        return self._known[event.pk]


def daily_cap() -> int:
    return int(getattr(settings, "ALERTS_DAILY_CAP", 20))


def over_cap(subscriber: Subscriber, today) -> bool:
    return subscriber.sent_on == today and subscriber.sent_count >= daily_cap()


def count_sent(subscriber_ids: list[int], today) -> None:
    """One more message today for each of SUBSCRIBER_IDS (one query for a chunk)."""
    Subscriber.objects.filter(pk__in=subscriber_ids).update(
        sent_count=Case(When(sent_on=today, then=F("sent_count") + 1), default=Value(1)),
        sent_on=today,
    )


def _send(outgoing: list[tuple[Subscriber, list[Delivery], object]]) -> int:
    """Send (subscriber, its deliveries, message) in chunks; mark each chunk sent."""
    today = timezone.localdate()
    sent = 0
    with get_connection(settings.EMAIL_DELIVERY_BACKEND) as connection:
        for start in range(0, len(outgoing), CHUNK):
            chunk = outgoing[start : start + CHUNK]
            connection.send_messages([message for _s, _d, message in chunk])
            with transaction.atomic():  # one commit for the chunk's two writes
                Delivery.objects.filter(
                    pk__in=[delivery.pk for _s, deliveries, _m in chunk for delivery in deliveries]
                ).update(state=Delivery.State.SENT, sent_at=timezone.now())
                count_sent([subscriber.pk for subscriber, _d, _m in chunk], today)
            sent += len(chunk)
    return sent


def _withdraw(deliveries: Iterable[Delivery]) -> None:
    Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).update(
        state=Delivery.State.WITHDRAWN
    )


def send_immediate(delivery_ids: list[int]) -> int:
    """Send each still pending delivery of DELIVERY_IDS as its own message; the number sent.

    An address over today's cap gets the item in its next daily digest instead.
    """
    today = timezone.localdate()
    is_public = PublicCheck()
    composer = messages.Composer()
    pending = Delivery.objects.filter(
        pk__in=delivery_ids,
        state=Delivery.State.PENDING,
        frequency=Frequency.IMMEDIATE,
        subscriber__state=Subscriber.State.ACTIVE,
    ).select_related("subscriber", "event")
    outgoing, withdrawn, deferred = [], [], []
    for delivery in pending:
        if not is_public(delivery.event):
            withdrawn.append(delivery)
        elif over_cap(delivery.subscriber, today):
            deferred.append(delivery.pk)
        else:
            message = composer.build(delivery.subscriber, [delivery.event], digest=False)
            outgoing.append((delivery.subscriber, [delivery], message))
    _withdraw(withdrawn)
    Delivery.objects.filter(pk__in=deferred).update(frequency=Frequency.DAILY)
    return _send(outgoing)


def send_digests(frequency: str, subscriber_ids: list[int]) -> int:
    """One message per address of SUBSCRIBER_IDS with its pending items of FREQUENCY."""
    today = timezone.localdate()
    is_public = PublicCheck()
    pending = (
        Delivery.objects.filter(
            subscriber_id__in=subscriber_ids,
            state=Delivery.State.PENDING,
            frequency=frequency,
            subscriber__state=Subscriber.State.ACTIVE,
        )
        .select_related("subscriber", "event")
        .order_by("subscriber_id", "event__created_at", "pk")
    )
    grouped: dict[int, list[Delivery]] = defaultdict(list)
    withdrawn = []
    for delivery in pending:
        if is_public(delivery.event):
            grouped[delivery.subscriber_id].append(delivery)
        else:
            withdrawn.append(delivery)
    _withdraw(withdrawn)
    outgoing = []
    composer = messages.Composer()
    for deliveries in grouped.values():
        subscriber = deliveries[0].subscriber
        if over_cap(subscriber, today):
            continue  # waits for the next digest of its kind
        events = [delivery.event for delivery in deliveries]
        outgoing.append((subscriber, deliveries, composer.build(subscriber, events, digest=True)))
    return _send(outgoing)
