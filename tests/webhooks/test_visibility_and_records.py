"""Webhooks beyond publication: a page made private (a view restriction, a move under a
restricted section) is announced as unpublished and one made public again as published;
the records the API serves (NGOs, grant calls… found from the API's router) are announced
when they become public, change, stop being public or are deleted, with nothing in the
payload but their type, endpoint, id and API address."""

import json

from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from accounts.sections import ensure_sections
from api.router import api_router
from pages.department.models import StandardPage
from snippets.models import NGO, GrantCall, SmallGrantOffer
from tests.factories.registry import GrantCallFactory, NGOFactory
from tests.webhooks.helpers import publish as _publish
from tests.webhooks.helpers import verify as _verify
from webhooks.models import WebhookDelivery
from webhooks.objects import announced_models

pytestmark = pytest.mark.django_db


def _events(receiver):
    return [_verify(message) for message in receiver.received]


def _page_events(receiver):
    return [(e["event"], e["page"]["title"]) for e in _events(receiver)]


@pytest.fixture
def tree(home_page, endpoint, receiver, django_capture_on_commit_callbacks):
    """A public page with a public child, published (their deliveries cleared)."""
    parent = home_page.add_child(instance=StandardPage(title="Rodzic", slug="rodzic"))
    parent = _publish(parent, django_capture_on_commit_callbacks)
    child = parent.add_child(instance=StandardPage(title="Dziecko", slug="dziecko"))
    child = _publish(child, django_capture_on_commit_callbacks)
    receiver.received.clear()
    return parent, child


def test_a_restriction_added_unpublishes_the_subtree_and_removed_publishes_it(
    tree, receiver, django_capture_on_commit_callbacks
):
    parent, child = tree
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=parent, restriction_type=PageViewRestriction.LOGIN
        )
    assert sorted(_page_events(receiver)) == [("unpublish", "Dziecko"), ("unpublish", "Rodzic")]
    assert all(e["page"]["api_url"] is None for e in _events(receiver))
    receiver.received.clear()
    # Changing which restriction hides it says nothing: it stays private.
    with django_capture_on_commit_callbacks(execute=True):
        restriction.restriction_type = PageViewRestriction.GROUPS
        restriction.save()
        restriction.groups.set([Group.objects.create(name="Urzędnicy")])
    assert receiver.received == []
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    events = _events(receiver)
    assert sorted((e["event"], e["page"]["title"]) for e in events) == [
        ("publish", "Dziecko"),
        ("publish", "Rodzic"),
    ]
    assert {e["page"]["api_url"].rsplit("/", 2)[-2] for e in events} == {
        str(parent.pk),
        str(child.pk),
    }


def test_a_restriction_under_another_says_nothing(
    home_page, endpoint, receiver, django_capture_on_commit_callbacks
):
    intranet, _zone = ensure_sections(home_page)
    WebhookDelivery.objects.all().delete()  # the sections' own publication
    page = intranet.add_child(instance=StandardPage(title="Notatka", slug="notatka"))
    _publish(page, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_a_page_moved_under_a_private_section_is_unpublished_and_back_published(
    tree, home_page, receiver, django_capture_on_commit_callbacks
):
    parent, _child = tree
    intranet, _zone = ensure_sections(home_page)
    receiver.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        parent.move(intranet, pos="last-child")
    assert sorted(_page_events(receiver)) == [("unpublish", "Dziecko"), ("unpublish", "Rodzic")]
    receiver.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        StandardPage.objects.get(pk=parent.pk).move(home_page, pos="last-child")
    assert sorted(_page_events(receiver)) == [("publish", "Dziecko"), ("publish", "Rodzic")]


def test_a_restricted_page_deleted_with_its_restriction_says_nothing(
    tree, receiver, django_capture_on_commit_callbacks
):
    parent, _child = tree
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=parent, restriction_type="login")
    receiver.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        StandardPage.objects.get(pk=parent.pk).delete()
    assert receiver.received == []  # never "publish" for the pages going with it


def test_the_records_announced_are_those_the_api_serves_found_by_registration():
    models = announced_models()
    assert {NGO, GrantCall, SmallGrantOffer} <= set(models)
    assert models[NGO].name == "ngos"
    served = {viewset.model for viewset in api_router._endpoints.values()}
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    assert get_image_model() in served and get_image_model() not in models
    assert get_document_model() not in models
    assert not any(issubclass(model, Page) for model in models)


def test_a_record_published_changed_unpublished_and_deleted(
    settings, endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ngo = NGOFactory(name="Fundacja Jawna", live=True)
    with django_capture_on_commit_callbacks(execute=True):
        ngo.short_name = "FJ"
        ngo.save()
    ngo_pk = ngo.pk
    with django_capture_on_commit_callbacks(execute=True):
        ngo.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        ngo.save_revision()  # a draft of an unpublished record: nothing
    with django_capture_on_commit_callbacks(execute=True):
        ngo.delete()  # no longer public: nothing to take back
    events = _events(receiver)
    assert [e["event"] for e in events] == ["publish", "publish", "unpublish"]
    assert events[0]["object"] == {
        "type": "snippets.NGO",
        "endpoint": "ngos",
        "id": ngo_pk,
        "api_url": f"{settings.WAGTAILAPI_BASE_URL.rstrip('/')}/api/v2/ngos/{ngo_pk}/",
    }
    assert events[2]["object"]["api_url"] is None
    assert "Fundacja" not in b"".join(m["body"] for m in receiver.received).decode()


def test_a_public_record_deleted_is_announced(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call = GrantCallFactory()
    pk = call.pk
    receiver.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call.delete()
    [event] = _events(receiver)
    assert event["event"] == "delete"
    assert event["object"] == {
        "type": "snippets.GrantCall",
        "endpoint": "grant-calls",
        "id": pk,
        "api_url": None,
    }


def test_a_draft_record_and_a_draft_of_a_public_one_send_nothing(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = NGOFactory(name="Szkic", live=False)
        draft.name = "Szkic 2"
        draft.save()
        draft.delete()
    with django_capture_on_commit_callbacks(execute=True):
        public = NGOFactory(live=True)
    receiver.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        public.name = "Nazwa robocza"
        public.save_revision()  # only the revision and its bookkeeping are saved
    assert receiver.received == []


def test_many_saves_in_one_transaction_are_one_event(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        ngo = NGOFactory(live=True)
        ngo.save()
        ngo.save()
    assert [e["event"] for e in _events(receiver)] == ["publish"]
    receiver.received.clear()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        ngo.live = False
        ngo.save()
        ngo.live = True
        ngo.save()
    assert [e["event"] for e in _events(receiver)] == ["publish"]


def test_a_rolled_back_change_sends_nothing_and_leaves_nothing_pending(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ngo = NGOFactory(live=True)
    receiver.received.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        ngo.name = "Wycofana zmiana"
        ngo.save()
        raise RuntimeError
    assert receiver.received == []
    with django_capture_on_commit_callbacks(execute=True):
        ngo.refresh_from_db()
        ngo.save()
    assert [e["event"] for e in _events(receiver)] == ["publish"]


def test_an_endpoint_chooses_record_types_by_label(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    endpoint.page_types = "snippets.GrantCall"
    endpoint.full_clean()
    endpoint.save()
    with django_capture_on_commit_callbacks(execute=True):
        NGOFactory(live=True)
        GrantCallFactory()
    assert [e["object"]["type"] for e in _events(receiver)] == ["snippets.GrantCall"]
    endpoint.page_types = "snippets.Nieznany"
    with pytest.raises(Exception, match="Nieznane typy treści"):
        endpoint.full_clean()


def test_without_a_receiver_a_save_costs_one_query_more(db):
    """Is anyone listening: one query; nothing else is read or written."""
    ngo = NGOFactory(live=True)
    with CaptureQueriesContext(connection) as queries:
        ngo.save()
    ours = [q["sql"] for q in queries.captured_queries if "webhooks_" in q["sql"]]
    assert len(ours) == 1 and "webhooks_webhookendpoint" in ours[0]


def test_payloads_are_json_of_public_fields_only(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        NGOFactory(live=True, email="tajny@example.org")
    body = receiver.received[0]["body"]
    assert "tajny" not in body.decode()
    assert set(json.loads(body)) == {"event", "occurred_at", "object"}


def test_a_fault_in_a_handler_never_breaks_a_save(
    endpoint, receiver, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    """An endpoint whose queryset reads its request (None outside one) fails every
    webhook check: logged, the saves and the delete still happen, nothing is sent."""
    from pages.registry.api import NGOAPIViewSet
    from webhooks.objects import Announced

    class NeedsRequest(NGOAPIViewSet):
        def get_queryset(self):
            assert self.request.GET is not None
            return super().get_queryset()

    monkeypatch.setitem(announced_models(), NGO, Announced("ngos", NeedsRequest))
    with django_capture_on_commit_callbacks(execute=True):
        ngo = NGOFactory(live=True, name="Przed")
        ngo.name = "Po"
        ngo.save()
    assert NGO.objects.get(pk=ngo.pk).name == "Po"
    with django_capture_on_commit_callbacks(execute=True):
        ngo.delete()
    assert not NGO.objects.filter(name="Po").exists()
    assert receiver.received == []
    assert "webhooks:" in caplog.text


def test_without_a_receiver_a_privacy_change_reads_no_subtree(home_page):
    page = home_page.add_child(instance=StandardPage(title="Strona", slug="strona"))
    page.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        restriction = PageViewRestriction.objects.create(page=page, restriction_type="login")
        restriction.delete()
    ours = [q["sql"] for q in queries.captured_queries if "webhooks_" in q["sql"]]
    assert len(ours) == 2  # is anyone listening, once per change
    assert not [q for q in queries.captured_queries if '"live"' in q["sql"]]
