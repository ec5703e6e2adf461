"""Webhooks: one signed delivery per event to a real local receiver, retried while it is
down; nothing for private pages or drafts; targets outside the public internet refused."""

import urllib.request

from django.core.exceptions import ValidationError

import pytest

from accounts import roles
from accounts.sections import ensure_sections
from core.task_retry import policy_for
from pages.department.models import StandardPage
from tests.factories.accounts import UserFactory
from tests.webhooks.helpers import publish as _publish
from tests.webhooks.helpers import verify as _verify
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.sending import DeliveryFailed, opener, send
from webhooks.targets import UnsafeTarget, check_target

pytestmark = pytest.mark.django_db


def test_one_signed_delivery_per_publish(
    home_page, endpoint, receiver, django_capture_on_commit_callbacks
):
    page = home_page.add_child(instance=StandardPage(title="Ogłoszenie", slug="ogloszenie"))
    _publish(page, django_capture_on_commit_callbacks)
    assert len(receiver.received) == 1
    payload = _verify(receiver.received[0])
    assert payload["event"] == "publish"
    assert payload["page"]["id"] == page.pk
    assert payload["page"]["type"] == "pages.StandardPage"
    assert payload["page"]["url"] == "/ogloszenie/"
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "delivered" and delivery.attempts == 1
    assert receiver.received[0]["headers"]["X-Webhook-Id"] == str(delivery.idempotency_key)
    # Sending it again (a retry after a worker died) sends nothing twice.
    assert send(delivery) == "już dostarczono"
    assert len(receiver.received) == 1


def test_a_receiver_that_was_down_gets_it_on_a_retry_with_the_same_key(
    home_page, endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.down = True
    page = home_page.add_child(instance=StandardPage(title="Ogłoszenie", slug="ogloszenie"))
    _publish(page, django_capture_on_commit_callbacks)  # the first attempt fails (503)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.response_status, delivery.attempts) == ("failed", 503, 1)
    policy = policy_for("webhooks.tasks.deliver")
    assert policy.should_retry(DeliveryFailed("503"), 1)
    assert policy.delay(2) > policy.delay(1)  # backoff
    receiver.down = False
    with pytest.raises(DeliveryFailed):
        receiver.down = True
        send(delivery)
    receiver.down = False
    assert send(delivery).startswith("dostarczono")
    assert len(receiver.received) == 1
    assert receiver.received[0]["headers"]["X-Webhook-Id"] == str(delivery.idempotency_key)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 3)


def test_unpublish_and_delete_are_announced_for_public_pages(
    home_page, endpoint, receiver, django_capture_on_commit_callbacks
):
    page = home_page.add_child(instance=StandardPage(title="Ogłoszenie", slug="ogloszenie"))
    page = _publish(page, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    events = [_verify(m)["event"] for m in receiver.received]
    assert events == ["publish", "unpublish", "delete"]
    assert _verify(receiver.received[2])["page"]["api_url"] is None


def test_private_pages_drafts_and_other_types_send_nothing(
    home_page, endpoint, receiver, django_capture_on_commit_callbacks
):
    intranet, _extranet = ensure_sections(home_page)
    receiver.received.clear()
    WebhookDelivery.objects.all().delete()
    secret = intranet.add_child(
        instance=StandardPage(title="Tajna notatka", slug="tajna", summary="sekret")
    )
    secret = _publish(secret, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        secret.unpublish()
    draft = home_page.add_child(instance=StandardPage(title="Szkic", slug="szkic", live=False))
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision()
        draft.delete()
    endpoint.page_types = "consultations.ConsultationPage"
    endpoint.save()
    other = home_page.add_child(instance=StandardPage(title="Inna", slug="inna"))
    _publish(other, django_capture_on_commit_callbacks)
    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_a_payload_holds_no_body_or_draft_content(
    home_page, endpoint, receiver, django_capture_on_commit_callbacks
):
    page = home_page.add_child(
        instance=StandardPage(title="Ogłoszenie", slug="ogloszenie", summary="streszczenie")
    )
    page = _publish(page, django_capture_on_commit_callbacks)
    page.title = "Tytuł roboczy"
    page.save_revision()
    page = StandardPage.objects.get(pk=page.pk)  # as the admin loads it to unpublish
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    bodies = b"".join(m["body"] for m in receiver.received).decode()
    assert "streszczenie" not in bodies
    assert "Tytuł roboczy" not in bodies
    assert set(_verify(receiver.received[0])["page"]) == {"id", "type", "title", "url", "api_url"}


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/hook",
        "file:///etc/passwd",
        "http://127.0.0.1/hook",
        "http://localhost:8000/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://user:pass@example.com/hook",
        "http://no-such-host.invalid/hook",
    ],
)
def test_targets_that_are_not_public_http_are_refused(url, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    with pytest.raises(UnsafeTarget):
        check_target(url)
    endpoint = WebhookEndpoint(name="x", url=url, secret="s")
    with pytest.raises(ValidationError):
        endpoint.full_clean()


def test_a_target_that_became_private_is_not_sent_to(home_page, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    endpoint = WebhookEndpoint.objects.create(name="x", url="http://127.0.0.1:9/", secret="s")
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event="publish", payload={})
    assert send(delivery) == "adres niedozwolony: nie wysłano"
    delivery.refresh_from_db()
    assert delivery.status == "failed" and "wewnętrznej" in delivery.error


def test_the_admin_lists_endpoints_and_deliveries_for_administrators_only(client, home_page):

    client.force_login(UserFactory(groups=[roles.EDITORS]))
    assert client.get("/admin/webhooki/odbiorcy/").status_code in (302, 403)
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    assert client.get("/admin/webhooki/odbiorcy/").status_code == 200
    assert client.get("/admin/webhooki/dostawy/").status_code == 200
    assert client.get("/admin/webhooki/odbiorcy/new/").status_code == 200
    form = {
        "name": "Wewnętrzny",
        "url": "http://127.0.0.1:8000/hook",
        "secret": "s",
        "on_publish": "on",
        "active": "on",
    }
    refused = client.post("/admin/webhooki/odbiorcy/new/", form)
    assert refused.status_code == 200
    assert "sieci wewnętrznej" in refused.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_the_secret_is_never_shown_back_and_kept_when_left_empty(client, home_page, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    endpoint = WebhookEndpoint.objects.create(
        name="x", url="http://127.0.0.1:9/", secret="tajny-sekret-1234"
    )
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    edit_url = f"/admin/webhooki/odbiorcy/edit/{endpoint.pk}/"
    page = client.get(edit_url)
    assert page.status_code == 200
    assert "tajny-sekret-1234" not in page.content.decode()
    form = {"name": "y", "url": endpoint.url, "secret": "", "on_publish": "on", "active": "on"}
    assert client.post(edit_url, form).status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.name, endpoint.secret) == ("y", "tajny-sekret-1234")
    new = {**form, "name": "z", "secret": ""}
    refused = client.post("/admin/webhooki/odbiorcy/new/", new)
    assert refused.status_code == 200 and "Podaj sekret." in refused.content.decode()


def test_the_sender_connects_to_the_vetted_address_not_a_new_lookup(receiver):
    """DNS rebinding: the name is never resolved again after check_target vetted it."""

    port = receiver.server.server_port
    request = urllib.request.Request(
        f"http://never-resolved.invalid:{port}/hook", data=b"{}", method="POST"
    )
    with opener("127.0.0.1").open(request, timeout=5) as answer:
        assert answer.status == 204
    assert receiver.received[0]["headers"]["Host"] == f"never-resolved.invalid:{port}"
    with pytest.raises(OSError):
        opener(None).open(request, timeout=5)  # without a vetted address, the name fails
