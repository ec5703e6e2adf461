"""The pipeline's e-mails go through the queue and are sent by the worker (core.mail),
never by the request."""

from django.core import mail

import pytest
from django_tasks_db.models import DBTaskResult

from core.models import SiteContactSettings
from tests.core.test_public_forms import FORMS, service

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_receipt_and_team_notice_are_sent_by_the_worker(client, home_page, settings, run_worker):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    contact = SiteContactSettings.for_site(home_page.get_site())
    contact.ngo_team_email = "cao@dg.pl"
    contact.save()
    target = service(home_page)
    target.advisor.email = ""  # the seeded advisors have none
    target.advisor.save()

    response = client.post(target.url, {**FORMS["cao-booking"][1](), "email": "ola@example.pl"})
    assert response.status_code == 200
    assert mail.outbox == []  # the request only queued them
    assert DBTaskResult.objects.filter(task_path="core.mail.send_email").count() == 2

    run_worker()
    assert sorted(message.to[0] for message in mail.outbox) == ["cao@dg.pl", "ola@example.pl"]
    assert all(message.from_email == settings.DEFAULT_FROM_EMAIL for message in mail.outbox)
