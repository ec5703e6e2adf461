"""Keeping the index current: every change that affects what a person may find enqueues
a task (search.tasks) for the worker, in the change's own transaction."""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from django_tasks_db import DatabaseBackend

from search import tasks
from search.models import SearchSynonym
from search.sources import registry
from search.sources.pages import PageSource
from search.synonyms import forget_rules

logger = logging.getLogger(__name__)
PAGE = "wagtailcore.Page"
BATCH = 500  # objects per reindex_objects task queued at the end of `batched()`
# model label -> pks to re-index, while a `batched()` block runs; else None.
_pending: ContextVar[dict | None] = ContextVar("search_pending_reindex", default=None)


@contextmanager
def batched():
    """Within the block, the per-object re-index tasks that signals ask for are collected
    and queued when it ends (without an error) as a few `reindex_objects` tasks: a bulk
    write (the NGO import) sends thousands of `published` signals, one task each would
    fill the queue. Nested blocks queue once, at the end of the outer one."""
    if _pending.get() is not None:
        yield
        return
    pending: dict[str, dict] = {}
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    for label, keys in pending.items():
        keys = list(keys)
        for start in range(0, len(keys), BATCH):
            enqueue(tasks.reindex_objects, label, keys[start : start + BATCH])


def enqueue(task, *args) -> None:
    """Enqueue TASK with the change (the database queue) or after the current transaction
    commits (the immediate backend runs it at once). Only a database that cannot write the
    queue's row (and so not the change either) raises to the caller."""
    pending = _pending.get()
    if pending is not None and task in (tasks.reindex_object, tasks.reindex_objects):
        label, keys = args[0], args[1] if task is tasks.reindex_objects else [args[1]]
        pending.setdefault(label, {}).update(dict.fromkeys(keys))
        return
    if isinstance(task.get_backend(), DatabaseBackend):
        # The queue is a table: a row written in the change's own transaction, so a
        # committed change never misses its update and a rolled-back one queues nothing.
        task.enqueue(*args)
        return

    def run():
        try:
            task.enqueue(*args)
        except Exception:
            logger.exception("Indeks wyszukiwarki: nie udało się zlecić zadania %s", task.name)

    transaction.on_commit(run, robust=True)


def _dependents(instance) -> None:
    """Re-index objects of other sources that show INSTANCE (people on a team page)."""
    for source in registry.watching(type(instance)):
        try:
            pks = [str(pk) for pk in source.dependents(instance).values_list("pk", flat=True)]
        except Exception:
            logger.exception("Indeks wyszukiwarki: zależności %r", instance)
            continue
        if pks:
            enqueue(tasks.reindex_objects, source.model._meta.label, pks)


def on_page_changed(sender, instance, **kwargs):
    enqueue(tasks.reindex_object, PAGE, str(instance.pk))
    _dependents(instance)


def on_page_tree_changed(sender, instance, **kwargs):
    enqueue(tasks.reindex_page_subtree, instance.pk)


def on_page_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    if url_path_before != url_path_after:
        enqueue(tasks.reindex_page_subtree, instance.pk)


def on_pre_delete(sender, instance, **kwargs):
    # Once deleted, a page no longer knows who it showed: collect them now.
    if registry.watching(type(instance)):
        _dependents(instance)


def on_post_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        enqueue(tasks.remove_object, PAGE, str(instance.pk))
        return
    source = registry.for_model(type(instance))
    if source is not None and not isinstance(source, PageSource):
        enqueue(tasks.remove_object, source.model._meta.label, str(instance.pk))


def on_object_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    source = registry.for_model(type(instance))
    if source is not None and not isinstance(source, PageSource):
        enqueue(tasks.reindex_object, source.model._meta.label, str(instance.pk))
    if not isinstance(instance, Page):
        _dependents(instance)


def on_object_published(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        on_object_saved(sender, instance)


def on_page_restriction(sender, instance, raw=False, **kwargs):
    if not raw:
        enqueue(tasks.reindex_page_subtree, instance.page_id)


def on_collection_restriction(sender, instance, raw=False, **kwargs):
    if not raw:
        enqueue(tasks.reindex_collection, instance.collection_id)


def connect() -> None:
    page_published.connect(on_page_changed, dispatch_uid="search_page_published")
    page_unpublished.connect(on_page_changed, dispatch_uid="search_page_unpublished")
    page_slug_changed.connect(on_page_tree_changed, dispatch_uid="search_page_slug")
    post_page_move.connect(on_page_moved, dispatch_uid="search_page_moved")
    pre_delete.connect(on_pre_delete, dispatch_uid="search_pre_delete")
    post_delete.connect(on_post_delete, dispatch_uid="search_post_delete")
    published.connect(on_object_published, dispatch_uid="search_published")
    unpublished.connect(on_object_published, dispatch_uid="search_unpublished")
    for model in (PageViewRestriction,):
        post_save.connect(on_page_restriction, sender=model, dispatch_uid="search_pvr_saved")
        post_delete.connect(on_page_restriction, sender=model, dispatch_uid="search_pvr_deleted")
    post_save.connect(
        on_collection_restriction, sender=CollectionViewRestriction, dispatch_uid="search_cvr_s"
    )
    post_delete.connect(
        on_collection_restriction, sender=CollectionViewRestriction, dispatch_uid="search_cvr_d"
    )
    # The editors' synonyms are cached for every query: a change applies at once.
    post_save.connect(forget_rules, sender=SearchSynonym, dispatch_uid="search_synonym_saved")
    post_delete.connect(forget_rules, sender=SearchSynonym, dispatch_uid="search_synonym_gone")
    watched = {model for source in registry for model in source.watched_models}
    models = {source.model for source in registry if not isinstance(source, PageSource)}
    models.add(get_document_model())
    for model in models | {m for m in watched if not issubclass(m, Page)}:
        post_save.connect(
            on_object_saved, sender=model, dispatch_uid=f"search_saved_{model._meta.label}"
        )
