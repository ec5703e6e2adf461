"""From one moment of one item to a pending delivery for every matching address.

One SQL statement finds the matching subscriptions and inserts the deliveries; the
database's uniqueness of (kind, item, moment) and of (address, event) means an item is
never queued twice for one address, however often it is published or the clock runs.
"""

from django.db import connection, transaction
from django.db.models import Case, IntegerField, Min, Q, Value, When

from alerts.models import FREQUENCY_ORDER, AlertEvent, Delivery, Frequency, Subscriber, Subscription
from alerts.registry import DIMENSIONS, AlertItem


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


def insert_deliveries(event: AlertEvent, subscriptions) -> None:
    """One pending delivery of EVENT per address among SUBSCRIPTIONS, at the soonest of
    its matching subscriptions' frequencies: one INSERT … SELECT, so that 50,000
    addresses never pass through Python."""
    rank = Case(
        *(When(frequency=value, then=Value(order)) for order, value in enumerate(FREQUENCY_ORDER)),
        output_field=IntegerField(),
    )
    matched = subscriptions.order_by().values("subscriber_id").annotate(best=Min(rank))
    inner_sql, inner_params = matched.query.sql_with_params()
    table = connection.ops.quote_name(Delivery._meta.db_table)
    # Table and column names come from the model; every value is a parameter.
    sql = (
        f"INSERT INTO {table} (subscriber_id, event_id, frequency, state) "  # noqa: S608
        "SELECT subscriber_id, %s, CASE best WHEN 0 THEN %s WHEN 1 THEN %s ELSE %s END, %s "
        f"FROM ({inner_sql}) AS matched"
    )
    params = [event.pk, *FREQUENCY_ORDER, Delivery.State.PENDING, *inner_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


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
        insert_deliveries(event, matching(kind, object_pk, item))
        immediate = list(
            Delivery.objects.filter(event=event, frequency=Frequency.IMMEDIATE)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        queue_sends(immediate)
    return len(immediate)
