"""The worker's part: send one delivery, again with backoff while the receiver is down.

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
