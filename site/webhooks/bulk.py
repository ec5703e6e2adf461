"""Changes written in bulk (an import's UPDATE statements and COPY, no save() and no
post_save): announced by the code that writes them, one call for the whole batch.

The writer says which records it touched and which of them were public before (read with
`public_among` inside its transaction, before writing); at commit every touched record is
compared with what the API serves then, as a single save would be (webhooks.signal_handlers):
`publish` for each one public now, `unpublish` for one that was and no longer is, `delete`
for one that was and is gone; never a word about a record that was not public and is not.

A receiver gets one delivery per record and event, in the very shape a single save sends
(an `object` payload): one code path on its side, an idempotency key per record, and no
payload that grows with the batch. What makes a batch cheap is on our side: a few queries
per thousand records, deliveries inserted in bulk and sent by `deliver_many` tasks of
`CHUNK` deliveries each.
"""

from functools import partial

from django.db import transaction

from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.objects import announced
from webhooks.payloads import object_payload
from webhooks.tasks import deliver_many

CHUNK = 100  # deliveries per task; records per IN (…) list
EVENTS = ("publish", "unpublish", "delete")


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _listening_for(model) -> list[WebhookEndpoint]:
    label = model._meta.label
    return [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(active=True)
        if any(endpoint.wants(event, label) for event in EVENTS)
    ]


def public_among(model, pks) -> set:
    """Which of PKS the API's endpoint for MODEL serves now (an empty set for a model no
    endpoint serves, or when nobody listens: then nothing is announced anyway)."""
    record_type = announced(model)
    pks = [pk for pk in pks if pk is not None]
    if record_type is None or not pks or not _listening_for(model):
        return set()
    public = record_type.public().order_by()
    found = set()
    for part in _chunks(pks, 1000):
        found.update(public.filter(pk__in=part).values_list("pk", flat=True))
    return found


def event_for(was_public: bool, now_public: bool, exists: bool) -> str | None:
    """The one event a record's change means, or None (it was not public and is not)."""
    if now_public:
        return "publish"
    if not was_public:
        return None
    return "unpublish" if exists else "delete"


def announce_bulk(model, pks, was_public: set) -> None:
    """At the commit of the running transaction (at once outside one), announce the change
    of the records PKS of MODEL, of which WAS_PUBLIC were public before it."""
    if announced(model) is None:
        return
    pks = list(dict.fromkeys(pk for pk in pks if pk is not None))
    if pks:
        transaction.on_commit(partial(_announce, model, pks, set(was_public)))


@transaction.atomic  # the deliveries and their tasks are written together, or neither
def _announce(model, pks: list, was_public: set) -> list[int]:
    endpoints = _listening_for(model)
    if not endpoints:
        return []
    now_public = public_among(model, pks)
    gone_candidates = [pk for pk in pks if pk in was_public and pk not in now_public]
    existing = set()
    for part in _chunks(gone_candidates, 1000):
        existing.update(model._default_manager.filter(pk__in=part).values_list("pk", flat=True))
    record_type = announced(model)
    label = model._meta.label
    deliveries = []
    for pk in pks:
        event = event_for(pk in was_public, pk in now_public, pk in existing)
        if event is None:
            continue
        wanting = [endpoint for endpoint in endpoints if endpoint.wants(event, label)]
        if not wanting:
            continue
        payload = object_payload(model, pk, record_type.name, record_type.api_url(pk), event)
        deliveries += [
            WebhookDelivery(endpoint=endpoint, event=event, payload=payload) for endpoint in wanting
        ]
    return queue_deliveries(deliveries)


def queue_deliveries(deliveries: list[WebhookDelivery]) -> list[int]:
    """Insert DELIVERIES in bulk and queue them, CHUNK to a task, after commit."""
    if not deliveries:
        return []
    created = WebhookDelivery.objects.bulk_create(deliveries, batch_size=1000)
    ids = [delivery.pk for delivery in created]
    if any(pk is None for pk in ids):  # a database that returns no keys
        keys = [delivery.idempotency_key for delivery in deliveries]
        ids = list(
            WebhookDelivery.objects.filter(idempotency_key__in=keys)
            .order_by("pk")
            .values_list("pk", flat=True)
        )

    def queue():
        for part in _chunks(ids):
            deliver_many.enqueue(part)

    transaction.on_commit(queue)
    return ids
