"""Wagtail's search index after an NGO import: bulk writes send no post_save, so the
import brings it up to date itself, in batches, reporting its progress: in the admin as a
task of its own after the write's commit (pages.registry.tasks.index_ngo_import), on the
command line on commit."""

import logging

from django.db import transaction

from modelsearch.backends import get_search_backends_with_name

from snippets.models import NGO

logger = logging.getLogger(__name__)

SEARCH_BATCH = 500  # records per site-search indexing task and per Wagtail index batch


def no_progress(state: str, done: int, total: int) -> None:
    """The default progress callback of the import: nobody is watching."""


def reindex_imported(pks: list[int], progress=no_progress) -> None:
    """Bulk writes send no post_save: bring Wagtail's search index (the admin's choosers)
    up to date by hand, in bulk. Idempotent. The site's search heard of the published
    records through the `published` signal (snippets.ngo_import.publishing)."""
    if not pks:
        return
    backends = list(get_search_backends_with_name(with_auto_update=True))
    for start in range(0, len(pks), SEARCH_BATCH):
        progress("indexing", start, len(pks))
        fresh = list(NGO.objects.filter(pk__in=pks[start : start + SEARCH_BATCH]))
        for name, backend in backends:
            try:
                # One transaction: the database backends write entry by entry, and a
                # commit (a disk flush) after each of thousands is what would take time.
                with transaction.atomic():
                    backend.add_bulk(NGO, fresh)
            except Exception:
                # As modelsearch does for single objects: an external search service being
                # down must not undo an import that is already committed.
                logger.exception("Indexing imported organisations in %r failed", name)
                if not backend.catch_indexing_errors:
                    raise
    progress("indexing", len(pks), len(pks))
