"""Done when: a receiver gets exactly one signed delivery per publish, retried by the real
worker (core.task_worker, tasks queued in the database) while it was down; a batch
(webhooks.bulk) likewise, each record once."""

import pytest

from core.task_worker import Worker
from pages.department.models import StandardPage
from snippets.models import NGO
from snippets.ngo_import import import_ngos
from tests.snippets.ngo_csv import row, to_csv
from tests.webhooks.helpers import verify
from webhooks.models import WebhookDelivery

# Committed, as in production: the worker's loop closes a connection left in a transaction.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def worker_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_RETRY_DELAY_SECONDS = 0

    def run():
        Worker(
            queue_names=["default"],
            excluded_queue_names=[],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="webhooks-test",
        ).run()

    return run


def test_one_signed_delivery_per_publish_retried_while_the_receiver_was_down(
    home_page, endpoint, receiver, worker_queue
):
    receiver.fail_next = 2  # down for the first two attempts
    page = home_page.add_child(instance=StandardPage(title="Ogłoszenie", slug="ogloszenie"))
    page.save_revision().publish()
    assert receiver.received == []  # queued, not sent by the request
    worker_queue()
    [message] = receiver.received
    assert verify(message)["page"]["id"] == page.pk
    keys = {m["headers"]["X-Webhook-Id"] for m in [*receiver.refused, message]}
    assert len(receiver.refused) == 2 and len(keys) == 1  # the same idempotency key
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("delivered", 3)
    worker_queue()  # nothing left: no second delivery
    assert len(receiver.received) == 1


def test_a_batch_is_delivered_once_per_record_after_the_receiver_came_back(
    endpoint, receiver, worker_queue
):
    receiver.fail_next = 1
    rows = [row(nazwa=f"Organizacja {n}", krs=f"{n:010d}") for n in range(1, 4)]
    assert import_ngos(to_csv(rows)).ok
    worker_queue()
    ids = sorted(verify(m)["object"]["id"] for m in receiver.received)
    assert ids == sorted(NGO.objects.values_list("pk", flat=True))
    assert WebhookDelivery.objects.filter(status="delivered").count() == 3
