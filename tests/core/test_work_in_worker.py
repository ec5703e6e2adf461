"""The request only queues: an uploaded document's text is read, and a published page is
indexed, by the worker (the suite's immediate backend would hide the difference)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Collection

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from pages.department.models import StandardPage
from search.models import SearchEntry
from tests.factories.search import make_docx

# Committed, not in a test transaction: the worker's loop (close_old_connections) closes a
# connection left inside one, as it would in production. serialized_rollback puts back the
# data migrations' rows (root page and collection, groups) that the flush removes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _queued(path: str) -> int:
    return DBTaskResult.objects.filter(task_path=path, status=TaskResultStatus.READY).count()


def test_an_uploaded_documents_text_is_read_by_the_worker(
    client, django_user_model, run_worker, django_capture_on_commit_callbacks
):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@dg.pl", "x"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Regulamin naboru",
                "file": SimpleUploadedFile(
                    "regulamin.docx", make_docx(["Regulamin otwartego konkursu ofert."])
                ),
                "collection": Collection.get_first_root_node().pk,
            },
        )
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Regulamin naboru")
    assert not SearchEntry.objects.filter(kind="document").exists()  # not read in the request
    assert _queued("search.tasks.reindex_object") == 1

    run_worker()
    entry = SearchEntry.objects.get(kind="document", object_id=str(document.pk))
    assert "konkursu ofert" in entry.body
    assert _queued("search.tasks.reindex_object") == 0


def test_publishing_a_page_queues_both_index_updates_for_the_worker(
    home_page, run_worker, django_capture_on_commit_callbacks
):
    page = StandardPage(title="Dotacje dla seniorów", slug="dotacje-dla-seniorow")
    with django_capture_on_commit_callbacks(execute=True):
        home_page.add_child(instance=page)
        page.save_revision().publish()
    assert not SearchEntry.objects.filter(title="Dotacje dla seniorów").exists()
    assert _queued("search.tasks.reindex_object") >= 1
    assert _queued("modelsearch.tasks.insert_or_update_object_task") >= 1

    run_worker()
    assert SearchEntry.objects.filter(title="Dotacje dla seniorów").exists()
    assert not DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).exists()
