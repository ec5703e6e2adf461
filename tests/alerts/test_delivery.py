"""No item twice to one address; bounces and complaints; the daily cap; the webhook."""

import json

from django.core import mail
from django.db import IntegrityError, transaction

import pytest

from alerts import tasks
from alerts.models import AlertEvent, Delivery, Subscriber
from alerts.webhook import signature_of
from tests.factories.consultations import ConsultationPageFactory
from tests.factories.pages import DistrictFactory

pytestmark = pytest.mark.django_db


def test_two_matching_subscriptions_and_a_republication_give_one_message(
    consultations, subscribe, commit
):
    district = DistrictFactory(name="Centrum")
    email = subscribe()
    subscribe(email, district=district.slug, frequency="weekly")  # a second, narrower one
    assert Subscriber.objects.get().subscriptions.count() == 2
    with commit():
        page = ConsultationPageFactory(parent=consultations, districts=[district])
    with commit():
        page.save_revision().publish()  # edited and published again
    tasks.announce.enqueue("consultation", str(page.pk), ["published"])  # a retried task
    assert len(mail.outbox) == 1
    # The soonest frequency of the matching subscriptions wins.
    assert Delivery.objects.get().frequency == "immediate"


def test_the_database_refuses_a_second_delivery_of_an_event(consultations, subscribe, commit):
    subscribe()
    with commit():
        ConsultationPageFactory(parent=consultations)
    delivery = Delivery.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(
            subscriber=delivery.subscriber, event=delivery.event, frequency="daily"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        AlertEvent.objects.create(
            kind=delivery.event.kind, object_pk=delivery.event.object_pk, moment="published"
        )


def test_the_daily_cap_moves_the_rest_to_the_digest(consultations, subscribe, commit, settings):
    settings.ALERTS_DAILY_CAP = 2
    email = subscribe()
    with commit():
        for n in range(3):
            ConsultationPageFactory(parent=consultations, title=f"Konsultacja nr {n}")
    assert len([m for m in mail.outbox if m.to == [email]]) == 2
    assert Subscriber.objects.get().sent_count == 2
    assert list(Delivery.objects.filter(state="pending").values_list("frequency", flat=True)) == [
        "daily"
    ]


def post_webhook(client, payload, secret="sekret-dostawcy", signature=None):  # noqa: S107
    body = json.dumps(payload).encode()
    return client.post(
        "/powiadomienia/zwroty/",
        body,
        content_type="application/json",
        headers={"X-Alerts-Signature": signature or signature_of(body, secret)},
    )


def test_a_bounce_disables_the_address_and_the_purge_removes_it(
    client, consultations, subscribe, commit, settings
):
    settings.ALERTS_WEBHOOK_SECRET = "sekret-dostawcy"
    email = subscribe()
    other = subscribe("ola@example.pl")
    response = post_webhook(client, {"events": [{"email": email.upper(), "type": "bounce"}]})
    assert response.status_code == 200
    assert response.json() == {"disabled": 1}
    with commit():
        ConsultationPageFactory(parent=consultations)
    assert [m.to for m in mail.outbox] == [[other]]
    from django.core.management import call_command

    call_command("purge_personal_data")
    assert list(Subscriber.objects.values_list("email", flat=True)) == [other]


def test_a_complaint_disables_too_and_a_soft_bounce_does_not(client, subscribe, settings):
    settings.ALERTS_WEBHOOK_SECRET = "sekret-dostawcy"
    email = subscribe()
    assert post_webhook(client, {"email": email, "type": "soft_bounce"}).json() == {"disabled": 0}
    assert post_webhook(client, {"email": email, "type": "complaint"}).json() == {"disabled": 1}
    assert Subscriber.objects.get().state == Subscriber.State.DISABLED


def test_the_webhook_needs_the_signature_and_a_secret(client, subscribe, settings):
    email = subscribe()
    settings.ALERTS_WEBHOOK_SECRET = ""
    assert post_webhook(client, {"email": email, "type": "bounce"}).status_code == 404
    settings.ALERTS_WEBHOOK_SECRET = "sekret-dostawcy"
    forged = post_webhook(client, {"email": email, "type": "bounce"}, secret="zgadywany")
    assert forged.status_code == 403
    assert client.get("/powiadomienia/zwroty/").status_code == 405
    assert Subscriber.objects.get().state == Subscriber.State.ACTIVE
