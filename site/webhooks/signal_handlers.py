"""Page events -> one delivery per matching endpoint, sent by the worker after commit."""

from django.db import transaction
from django.db.models.signals import pre_delete

from wagtail import signals as wagtail_signals
from wagtail.models import Page

from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.payloads import announceable, page_payload
from webhooks.tasks import deliver


def record(page: Page, event: str) -> list[int]:
    """Store a delivery for every endpoint that wants EVENT of PAGE's type; queue them."""
    if not announceable(page, event):
        return []
    page_type = (page.specific_class or type(page))._meta.label
    endpoints = [
        e for e in WebhookEndpoint.objects.filter(active=True) if e.wants(event, page_type)
    ]
    if not endpoints:
        return []
    payload = page_payload(page, event)
    ids = [
        WebhookDelivery.objects.create(endpoint=endpoint, event=event, payload=payload).pk
        for endpoint in endpoints
    ]

    def queue():
        for pk in ids:
            deliver.enqueue(pk)

    transaction.on_commit(queue)
    return ids


def _published(sender, instance, **kwargs):
    record(instance, "publish")


def _unpublished(sender, instance, **kwargs):
    record(instance, "unpublish")


def _deleting(sender, instance, **kwargs):
    # Before the delete: the page's restrictions and tree are still there to be read.
    if isinstance(instance, Page) and type(instance) is not Page:
        record(instance, "delete")


def connect() -> None:
    wagtail_signals.page_published.connect(_published, dispatch_uid="webhooks_published")
    wagtail_signals.page_unpublished.connect(_unpublished, dispatch_uid="webhooks_unpublished")
    pre_delete.connect(_deleting, dispatch_uid="webhooks_deleting")
