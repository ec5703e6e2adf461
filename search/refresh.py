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
    """Index again every entry due by NOW; the number of entries refreshed."""
    now = now or timezone.now()
    done = 0
    # Each round takes the next batch: an entry refreshed (or failed) leaves the set.
    while due := list(due_entries(now).values_list("content_type_id", "object_id")[:BATCH]):
        for content_type_id, object_id in due:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            label = model._meta.label if model else f"contenttype.{content_type_id}"
            stale = SearchEntry.objects.filter(content_type_id=content_type_id, object_id=object_id)
            with guard("refresh_due", label, object_id, remove=stale.delete):
                with transaction.atomic():
                    obj = model._default_manager.filter(pk=object_id).first() if model else None
                    if obj is None:
                        stale.delete()
                    else:
                        indexing.index_objects([obj])
                done += 1
            # Never loop on an entry whose source keeps a moment in the past (the guard
            # removed a failed one).
            stale.filter(refresh_at__lte=now).update(refresh_at=None)
    return done
