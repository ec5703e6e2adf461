"""A publication queues one `announce` task; the request does nothing more (docs/alerts.md).

The task is a row written in the publication's own transaction (the database queue): a
rolled-back publication announces nothing, a committed one is never missed.
"""

import logging

from django.db import transaction
from django.utils import timezone

from wagtail.models import Page
from wagtail.signals import published

from django_tasks_db import DatabaseBackend

from alerts import tasks
from alerts.registry import sources_for_model

logger = logging.getLogger(__name__)


def queue_announcement(kind: str, object_pk, moments: list[str]) -> None:
    args = (kind, str(object_pk), list(moments))
    if isinstance(tasks.announce.get_backend(), DatabaseBackend):
        tasks.announce.enqueue(*args)
        return

    def run():  # the immediate backend: after the commit, never failing the publication
        try:
            tasks.announce.enqueue(*args)
        except Exception:
            logger.exception(
                "Powiadomienia: nie udało się zlecić ogłoszenia %s %s", kind, object_pk
            )

    transaction.on_commit(run, robust=True)


def on_published(sender, instance, **kwargs):
    # Wagtail sends `published` for pages (after `page_published`) and for snippets alike.
    if isinstance(instance, Page):
        instance = instance.specific
    now = timezone.now()
    for source in sources_for_model(type(instance)):
        moments = source.moments_on_publish(instance, now)
        if moments:
            queue_announcement(source.kind, instance.pk, moments)


def connect() -> None:
    published.connect(on_published, dispatch_uid="alerts_published")
