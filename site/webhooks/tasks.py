"""The worker's part: send deliveries, again with backoff while the receiver is down.

Idempotent: a delivered delivery is not sent again; the receiver gets the same
X-Webhook-Id on every retry (core.task_retry doubles the wait each time).
"""

from django.db import DatabaseError

from django_tasks import task

from core.task_retry import RetryPolicy, retrying
from webhooks.models import WebhookDelivery
from webhooks.sending import DeliveryFailed, send


@retrying(RetryPolicy(attempts=8, on=(DeliveryFailed, DatabaseError)))
@task()
def deliver(delivery_id: int) -> str:
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None:
        return "dostawa usunięta: nic nie wysłano"
    return send(delivery)


@retrying(RetryPolicy(attempts=8, on=(DeliveryFailed, DatabaseError)))
@task()
def deliver_many(delivery_ids: list[int]) -> str:
    """Send a batch's deliveries (webhooks.bulk), each once, in the order they were made.

    A receiver that fails is not tried again in this run (a receiver that is down would
    hold the worker for a timeout per delivery): its remaining deliveries wait, and the
    task fails so the worker runs it again later; the deliveries already made are skipped
    then (send() sends a delivered one no more)."""
    deliveries = (
        WebhookDelivery.objects.select_related("endpoint")
        .filter(pk__in=delivery_ids)
        .exclude(status=WebhookDelivery.Status.DELIVERED)
        .order_by("pk")
    )
    down, sent = set(), 0
    for delivery in deliveries:
        if delivery.endpoint_id in down:
            continue
        try:
            send(delivery)
        except DeliveryFailed:
            down.add(delivery.endpoint_id)
        else:
            sent += 1
    if down:
        raise DeliveryFailed(f"{len(down)} receiver(s) failed; {sent} sent in this run")
    return f"wysłano {sent}"
