"""Index updates as tasks of Wagtail's task framework (django_tasks).

They run in the task worker (core.task_worker), which tries a failed update again later
(every task here is idempotent: it writes the object's current state) and lists the last
failure for administrators; with the immediate backend (tests) they run right after the
change is committed. Either way publishing or uploading never fails because of the index:
a task's error is logged and raised to the worker, never to the request.
"""

import logging

from django.apps import apps
from django.db import transaction

from django_tasks import task

from core.task_retry import RetryPolicy, retry_on_failure
from search import indexing

logger = logging.getLogger(__name__)


def _model(label: str):
    return apps.get_model(label)


@task()
def reindex_object(model_label: str, pk: str) -> None:
    """Index one object again (or remove it, when it is gone or no longer indexable)."""
    try:
        model = _model(model_label)
        obj = model._default_manager.filter(pk=pk).first()
        with transaction.atomic():
            if obj is None:
                indexing.remove_object(model, pk)
            else:
                indexing.index_objects([obj])
    except Exception:
        logger.exception("Indeks wyszukiwarki: nie udało się zaktualizować %s %s", model_label, pk)
        raise


@task()
def remove_object(model_label: str, pk: str) -> None:
    try:
        with transaction.atomic():
            indexing.remove_object(_model(model_label), pk)
    except Exception:
        logger.exception("Indeks wyszukiwarki: nie udało się usunąć %s %s", model_label, pk)
        raise


@task()
def reindex_objects(model_label: str, pks: list[str]) -> None:
    """Index several objects of one model (people shown on a page that changed...)."""
    try:
        model = _model(model_label)
        objects = list(model._default_manager.filter(pk__in=pks))
        found = {str(obj.pk) for obj in objects}
        with transaction.atomic():
            indexing.index_objects(objects)
            for pk in set(map(str, pks)) - found:
                indexing.remove_object(model, pk)
    except Exception:
        logger.exception("Indeks wyszukiwarki: nie udało się zaktualizować %s", model_label)
        raise


@task()
def reindex_page_subtree(page_id: int) -> None:
    """A section moved or changed privacy: every page below it (URL, visibility) too."""
    from wagtail.models import Page

    try:
        page = Page.objects.filter(pk=page_id).first()
        if page is None:
            return
        # Pages that are not live are included: their entries, if any, get removed.
        pages = Page.objects.descendant_of(page, inclusive=True).order_by("path")
        indexing.index_queryset(indexing.registry.for_model(Page), pages)
    except Exception:
        logger.exception("Indeks wyszukiwarki: nie udało się zaktualizować sekcji %s", page_id)
        raise


@task()
def reindex_collection(collection_id: int) -> None:
    """A collection changed privacy: its documents and those of its sub-collections."""
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    try:
        collection = Collection.objects.filter(pk=collection_id).first()
        if collection is None:
            return
        documents = get_document_model().objects.filter(
            collection__in=collection.get_descendants(inclusive=True)
        )
        source = indexing.registry.for_model(get_document_model())
        indexing.index_queryset(source, documents.select_related("collection").order_by("pk"))
    except Exception:
        logger.exception(
            "Indeks wyszukiwarki: nie udało się zaktualizować kolekcji %s", collection_id
        )
        raise


# A search cluster or database that is briefly unreachable, a deadlock: worth retrying.
for _task in (
    reindex_object,
    remove_object,
    reindex_objects,
    reindex_page_subtree,
    reindex_collection,
):
    retry_on_failure(_task.module_path, RetryPolicy(attempts=5))
