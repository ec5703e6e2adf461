"""From one moment of one item to a pending delivery for every matching address.

One SQL query finds the matching subscriptions; the deliveries are inserted in bulk, and
the database's uniqueness (subscriber, event) drops any that exist: an item is never
queued twice for one address, however often it is published or the clock runs.
"""

from django.db import transaction
from django.db.models import Q

from alerts.models import FREQUENCY_ORDER, AlertEvent, Delivery, Frequency, Subscriber, Subscription
from alerts.registry import DIMENSIONS, AlertItem

INSERT_BATCH = 5000


def _within(name: str, values: tuple[str, ...]) -> Q:
    """Subscriptions narrowed by NAME that an item with VALUES concerns."""
    _label, _param, empty_means_all = DIMENSIONS[name]
    if not values:
        return Q() if empty_means_all else Q(**{name: ""})
    return Q(**{name: ""}) | Q(**{f"{name}__in": list(values)})


def matching(kind: str, object_pk: str, item: AlertItem):
    """Active subscriptions to KIND that ITEM concerns, and those following the item."""
    narrowed = (
        Q(item_pk="")
        & _within("district", item.districts)
        & _within("audience", item.audiences)
        & _within("area", item.areas)
        & _within("tag", item.tags)
    )
    return Subscription.objects.filter(
        narrowed | Q(item_pk=str(object_pk)),
        kind=kind,
        subscriber__state=Subscriber.State.ACTIVE,
    )


def soonest(frequencies) -> str:
    return min(frequencies, key=FREQUENCY_ORDER.index)


def record(kind: str, object_pk, moment: str, item: AlertItem, queue_sends) -> int:
    """Store the event and its deliveries, and queue the immediate ones through
    QUEUE_SENDS(ids) in the same transaction (the queue is a table: all or nothing).

    An event stored before was fanned out then, in its own transaction: it is not
    fanned out again, so an edited and republished page tells nobody anew, not even
    those who subscribed since. Returns the number of immediate deliveries queued.
    """
    object_pk = str(object_pk)
    with transaction.atomic():
        event, created = AlertEvent.objects.get_or_create(
            kind=kind,
            object_pk=object_pk,
            moment=moment,
            defaults={
                "title": item.title[:500],
                "url": item.url[:500],
                "summary": item.summary,
                "dates": item.dates[:300],
            },
        )
        if not created:
            return 0
        by_subscriber: dict[int, str] = {}
        for subscriber_id, frequency in matching(kind, object_pk, item).values_list(
            "subscriber_id", "frequency"
        ):
            known = by_subscriber.get(subscriber_id)
            by_subscriber[subscriber_id] = soonest((known, frequency)) if known else frequency
        Delivery.objects.bulk_create(
            (
                Delivery(subscriber_id=subscriber_id, event=event, frequency=frequency)
                for subscriber_id, frequency in by_subscriber.items()
            ),
            batch_size=INSERT_BATCH,
            ignore_conflicts=True,
        )
        immediate = list(
            Delivery.objects.filter(event=event, frequency=Frequency.IMMEDIATE)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        queue_sends(immediate)
    return len(immediate)
