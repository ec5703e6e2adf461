"""Bulk writes (the NGO import: COPY and UPDATE statements, no post_save) announce their
changes through webhooks.bulk: one signed delivery per record made or kept public, never
one for a record that is not public, sent in batches by the worker, with queries that do
not grow with the batch."""

import json

from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

import pytest
from django_tasks_db.models import DBTaskResult

from snippets.models import NGO
from snippets.ngo_import import import_ngos
from tests.factories.registry import NGOFactory
from tests.snippets.ngo_csv import row, to_csv
from tests.webhooks.helpers import verify
from webhooks.bulk import announce_bulk, event_for, public_among
from webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _events(receiver):
    return [verify(message) for message in receiver.received]


def _rows(count: int, start: int = 1):
    return [row(nazwa=f"Organizacja {n}", krs=f"{n:010d}") for n in range(start, start + count)]


def test_an_import_announces_each_record_it_publishes_once_signed(
    endpoint, receiver, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = import_ngos(
            to_csv([*_rows(3), row(nazwa="Z e-mailem", krs="0000000099", email="t@example.org")])
        )
    assert report.ok, report.errors
    events = _events(receiver)
    ids = sorted(NGO.objects.values_list("pk", flat=True))
    assert sorted(e["object"]["id"] for e in events) == ids
    assert {e["event"] for e in events} == {"publish"}
    base = settings.WAGTAILAPI_BASE_URL.rstrip("/")
    assert {e["object"]["api_url"] for e in events} == {f"{base}/api/v2/ngos/{pk}/" for pk in ids}
    assert {frozenset(e) for e in events} == {frozenset({"event", "occurred_at", "object"})}
    body = b"".join(message["body"] for message in receiver.received).decode()
    assert "t@example.org" not in body and "Organizacja" not in body
    keys = {message["headers"]["X-Webhook-Id"] for message in receiver.received}
    assert len(keys) == 4  # one idempotency key per record
    assert WebhookDelivery.objects.filter(status="delivered").count() == 4


def test_a_reimport_announces_public_changes_and_never_a_draft(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = NGOFactory(live=False, krs="0000000077", name="Szkic")
        public = NGOFactory(live=True, krs="0000000078", name="Jawna")
    receiver.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = import_ngos(
            to_csv(
                [
                    row(nazwa="Szkic zmieniony", krs="0000000077"),
                    row(nazwa="Jawna zmieniona", krs="0000000078"),
                ]
            )
        )
    assert report.ok, report.errors
    assert not NGO.objects.get(pk=draft.pk).live  # the import keeps a draft a draft
    assert [(e["event"], e["object"]["id"]) for e in _events(receiver)] == [("publish", public.pk)]


def test_the_management_command_announces_too(
    endpoint, receiver, tmp_path, django_capture_on_commit_callbacks
):
    path = tmp_path / "ngo.csv"
    path.write_bytes(to_csv(_rows(2)))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_ngos", str(path), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(_events(receiver)) == 2


def test_without_a_receiver_an_import_writes_no_delivery(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert import_ngos(to_csv(_rows(3))).ok
    assert not WebhookDelivery.objects.exists()


def test_records_that_stop_being_public_in_bulk_are_unpublished(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        kept, hidden = NGOFactory(live=True), NGOFactory(live=True)
        never = NGOFactory(live=False)
    receiver.received.clear()
    pks = [kept.pk, hidden.pk, never.pk]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        was_public = public_among(NGO, pks)
        assert was_public == {kept.pk, hidden.pk}
        NGO.objects.filter(pk__in=[hidden.pk, never.pk]).update(live=False)  # no signals
        announce_bulk(NGO, pks, was_public)
    events = {e["object"]["id"]: (e["event"], e["object"]["api_url"]) for e in _events(receiver)}
    assert events[hidden.pk] == ("unpublish", None)
    assert events[kept.pk][0] == "publish"
    assert never.pk not in events


def test_a_rolled_back_bulk_change_sends_nothing(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    ngo = NGOFactory(live=True)
    receiver.received.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        announce_bulk(NGO, [ngo.pk], public_among(NGO, [ngo.pk]))
        raise RuntimeError
    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_event_for():
    assert event_for(was_public=False, now_public=True, exists=True) == "publish"
    assert event_for(was_public=True, now_public=True, exists=True) == "publish"
    assert event_for(was_public=True, now_public=False, exists=True) == "unpublish"
    assert event_for(was_public=True, now_public=False, exists=False) == "delete"
    assert event_for(was_public=False, now_public=False, exists=True) is None
    assert event_for(was_public=False, now_public=False, exists=False) is None


def _announce_queries(count: int, settings, django_capture_on_commit_callbacks) -> int:
    ngos = [NGOFactory(live=True) for _ in range(count)]
    pks = [ngo.pk for ngo in ngos]
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        announce_bulk(NGO, pks, public_among(NGO, pks))
    return len(queries.captured_queries)


def test_queries_and_tasks_do_not_grow_with_the_batch(
    endpoint, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS  # queued, not sent: the batch's own cost is measured
    few = _announce_queries(5, settings, django_capture_on_commit_callbacks)
    many = _announce_queries(60, settings, django_capture_on_commit_callbacks)
    assert few == many
    # One task per CHUNK deliveries, not one per record.
    tasks = DBTaskResult.objects.filter(task_path="webhooks.tasks.deliver_many")
    assert tasks.count() == 2
    assert sorted(len(json.loads(json.dumps(t.args_kwargs))["args"][0]) for t in tasks) == [5, 60]
