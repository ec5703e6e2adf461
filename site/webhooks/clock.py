"""What changes by the clock, announced: `manage.py send_webhooks_due` (cron, every 5
minutes) calls `tick()`, which continues from where the last run got (`ClockMark`).

Two kinds of change, found through the shared mechanisms (nothing per app here):
- a record that becomes public at a moment: its endpoint names the field with
  `webhook_public_from` (a small-grant offer from its `published_on` day): `publish`;
- a published page or record whose state changes by the clock (core.lifecycle: a
  consultation opening or closing, a call's deadline, an event starting): `publish` again,
  as when an editor republishes it, so a receiver re-reads it; only when it is public
  (a page: live, without a view restriction; a record: served by its endpoint). A moment
  of a model that is neither a page nor a served record (a council's recruitment, an
  application window) is not announced: its page did not change.
"""

from datetime import datetime, timedelta

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone

from wagtail.models import Page

from core.lifecycle import registered
from core.models import ClockMark
from webhooks.bulk import announce_bulk
from webhooks.models import WebhookEndpoint
from webhooks.objects import announced_models
from webhooks.signal_handlers import record

FIRST_LOOKBACK = timedelta(minutes=10)  # the very first run: about one cron period back


def _between(model, field_name: str, since: datetime, now: datetime) -> models.Q:
    """FIELD_NAME reached in (SINCE, NOW]: a date counts from its day's first moment."""
    field = model._meta.get_field(field_name)
    if isinstance(field, models.DateTimeField):
        return models.Q(**{f"{field_name}__gt": since, f"{field_name}__lte": now})
    return models.Q(
        **{
            f"{field_name}__gt": timezone.localdate(since),
            f"{field_name}__lte": timezone.localdate(now),
        }
    )


def _became_public(since: datetime, now: datetime, due: dict) -> None:
    for model, record_type in announced_models().items():
        field = getattr(record_type.viewset, "webhook_public_from", None)
        if field:
            public = record_type.public().filter(_between(model, field, since, now))
            due.setdefault(model, set()).update(public.values_list("pk", flat=True))


def _changed_state(since: datetime, now: datetime, due: dict) -> list[Page]:
    """Fill DUE ({model: pks}) with the records whose state changed; the pages that did."""
    pages, served = [], announced_models()
    for lifecycle in registered():
        model = apps.get_model(lifecycle.model)
        if not lifecycle.moment_fields or not (issubclass(model, Page) or model in served):
            continue
        condition = models.Q()
        for field in lifecycle.moment_fields:
            condition |= _between(model, field, since, now)
        changed = lifecycle.published(model).filter(condition).order_by()
        if issubclass(model, Page):
            pages += changed
        else:
            due.setdefault(model, set()).update(changed.values_list("pk", flat=True))
    return pages


def _announce(since: datetime, now: datetime) -> int:
    """One event per item, even when two of its moments (or its publication day and a
    moment) fall in the same run."""
    due: dict = {}
    _became_public(since, now, due)
    pages = _changed_state(since, now, due)
    for model, pks in due.items():
        announce_bulk(model, sorted(pks), was_public=set())
    announced_pages = sum(bool(record(page, "publish")) for page in pages)  # public ones only
    return announced_pages + sum(len(pks) for pks in due.values())


def tick(now: datetime | None = None) -> int:
    """Announce what the clock changed since the last run; how many items were found."""
    now = now or timezone.now()
    with transaction.atomic():
        mark = ClockMark.held("webhooks", now - FIRST_LOOKBACK)
        since = mark.at
        found = 0
        if since < now and WebhookEndpoint.objects.filter(active=True).exists():
            found = _announce(since, now)
        mark.at = max(since, now)
        mark.save(update_fields=["at"])
    return found
