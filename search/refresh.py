"""Entries whose state the clock changes (a consultation opens, a call closes): their
source sets `refresh_at`, and `manage.py search_index refresh-due`, run by cron (or the
task worker's clock), indexes them again once that moment has passed. Searches never
do it: a search request reads only."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from search import indexing
from search.failures import guard
from search.models import SearchEntry

logger = logging.getLogger(__name__)

BATCH = 200


def due_entries(now=None):
    return SearchEntry.objects.filter(refresh_at__lte=now or timezone.now())


def refresh_due_entries(now=None) -> int:
    """Index again every entry due by NOW; the number of entries refreshed. One that
    fails is recorded (search.failures), removed, or else tried again on the next run."""
    now = now or timezone.now()
    done, after = 0, 0
    # Batches in id order: an entry that failed and kept its moment is not met again.
    while due := list(
        due_entries(now)
        .filter(pk__gt=after)
        .order_by("pk")
        .values_list("pk", "content_type_id", "object_id")[:BATCH]
    ):
        for pk, content_type_id, object_id in due:
            after = pk
            if _refresh(content_type_id, object_id, now):
                done += 1
    return done


def _refresh(content_type_id: int, object_id: str, now) -> bool:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    label = model._meta.label if model else f"contenttype.{content_type_id}"
    entry = SearchEntry.objects.filter(content_type_id=content_type_id, object_id=object_id)
    refreshed = False
    with guard("refresh_due", label, object_id, remove=entry.delete), transaction.atomic():
        obj = model._default_manager.filter(pk=object_id).first() if model else None
        if obj is None:
            entry.delete()
        else:
            indexing.index_objects([obj])
            # Never loop on an entry whose source keeps a moment in the past.
            entry.filter(refresh_at__lte=now).update(refresh_at=None)
        refreshed = True
    return refreshed
