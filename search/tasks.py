"""Index updates as tasks of Wagtail's task framework (django_tasks).

They run in the task worker (core.task_worker); with the immediate backend (tests), right
after the change is committed. A failure is recorded for administrators and fails closed
(search.failures.guard: the entries concerned leave the index), then is raised to the
worker, which tries again later (every task here is idempotent: it writes the object's
current state; a later success forgets the failure). Publishing or uploading never fails
because of the search index: a task's error never reaches the request.
"""

from functools import partial

from django.apps import apps
from django.db import transaction

from django_tasks import task

from core.task_retry import RetryPolicy, retry_on_failure
from search import indexing
from search.failures import guard
from search.refresh import refresh_due_entries

PAGE = "wagtailcore.Page"


def _model(label: str):
    return apps.get_model(label)


@task()
def reindex_object(model_label: str, pk: str) -> None:
    """Index one object again (or remove it, when it is gone or no longer indexable)."""
    model = _model(model_label)
    with guard(
        "reindex_object", model_label, pk, partial(indexing.remove_object, model, pk), reraise=True
    ):
        obj = model._default_manager.filter(pk=pk).first()
        with transaction.atomic():
            if obj is None:
                indexing.remove_object(model, pk)
            else:
                indexing.index_objects([obj])


@task()
def remove_object(model_label: str, pk: str) -> None:
    with guard("remove_object", model_label, pk, reraise=True), transaction.atomic():
        indexing.remove_object(_model(model_label), pk)


@task()
def reindex_objects(model_label: str, pks: list[str]) -> None:
    """Index several objects of one model (people shown on a page that changed...)."""
    model = _model(model_label)
    first = pks[0] if pks else ""
    with guard(
        "reindex_objects",
        model_label,
        first,
        partial(indexing.remove_objects, model, pks),
        reraise=True,
    ):
        objects = list(model._default_manager.filter(pk__in=pks))
        found = {str(obj.pk) for obj in objects}
        with transaction.atomic():
            indexing.index_objects(objects)
            indexing.remove_objects(model, set(map(str, pks)) - found)


def _records_shown_under(page, found: list) -> None:
    """Add to FOUND (source, pks) for the records other sources show under pages of PAGE's
    subtree (a council's register, an index page's offers): their `dependents`, which a
    change of the pages themselves re-indexes one page at a time
    (signal_handlers._dependents). One query per watched page of the subtree (councils,
    index pages: a few dozen), not per record."""
    from wagtail.models import Page

    for source in indexing.registry:
        pks: set = set()
        for model in source.watched_models:
            if not issubclass(model, Page):
                continue
            for watched in model.objects.descendant_of(page, inclusive=True):
                pks.update(source.dependents(watched).values_list("pk", flat=True))
        if pks:
            found.append((source, sorted(pks)))


@task()
def reindex_page_subtree(page_id: int) -> None:
    """A section moved or changed privacy: every page below it (URL, visibility) too, and
    the records shown under those pages (resolutions, offers...): a view restriction on a
    section must take them out of the search as well, and lifting it bring them back."""
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    # Pages that are not live are included: their entries, if any, get removed.
    pages = Page.objects.descendant_of(page, inclusive=True).order_by("path")
    records: list = []

    def section():
        # Failing closed: the section's pages and the records found so far leave the index.
        indexing.remove_objects(Page, pages.values_list("pk", flat=True))
        for source, pks in records:
            indexing.remove_objects(source.model, pks)

    with guard("reindex_page_subtree", PAGE, page_id, section, reraise=True), transaction.atomic():
        indexing.index_queryset(indexing.registry.for_model(Page), pages)
        _records_shown_under(page, records)
        for source, pks in records:
            # In chunks: a directory page's records may be thousands (no IN of thousands).
            for chunk in indexing.batched(pks, source.batch_size):
                indexing.index_queryset(source, source.get_queryset().filter(pk__in=chunk))


@task()
def reindex_collection(collection_id: int) -> None:
    """A collection changed privacy: its documents and those of its sub-collections."""
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    collection = Collection.objects.filter(pk=collection_id).first()
    if collection is None:
        return
    model = get_document_model()
    documents = model.objects.filter(collection__in=collection.get_descendants(inclusive=True))
    contents = partial(indexing.remove_objects, model, documents.values_list("pk", flat=True))
    with guard(
        "reindex_collection", "wagtailcore.Collection", collection_id, contents, reraise=True
    ):
        source = indexing.registry.for_model(model)
        with transaction.atomic():
            indexing.index_queryset(source, documents.select_related("collection").order_by("pk"))


@task()
def refresh_due() -> None:
    """Entries whose moment (refresh_at) has passed: for a worker's clock to enqueue
    every few minutes (the same as `manage.py search_index refresh-due` from cron)."""
    refresh_due_entries()


# A search cluster or database that is briefly unreachable, a deadlock: worth retrying.
for _task in (
    reindex_object,
    remove_object,
    reindex_objects,
    reindex_page_subtree,
    reindex_collection,
):
    retry_on_failure(_task.module_path, RetryPolicy(attempts=5))
