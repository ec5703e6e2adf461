"""Moments of the clock: a consultation's last 3 days, a call's deadline, once each."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest

from alerts import clock
from tests.factories.consultations import ConsultationPageFactory
from tests.factories.registry import GrantCallFactory, GrantCallIndexPageFactory

pytestmark = pytest.mark.django_db


def test_the_last_three_days_of_a_consultation_are_announced_once(consultations, subscribe, commit):
    email = subscribe()
    with commit():
        ConsultationPageFactory(
            parent=consultations,
            title="Zieleń przy szkole",
            closes_at=timezone.now() + timedelta(days=2, hours=20),
        )
        ConsultationPageFactory(parent=consultations, title="Daleki termin")  # 10 days left
    mail.outbox.clear()
    now = timezone.now()
    assert clock.tick(now)["moments"] == 1
    clock.tick(now + timedelta(minutes=5))
    clock.tick(now + timedelta(hours=1))
    assert [m.subject for m in mail.outbox if m.to == [email]] == [
        "Ostatnie dni konsultacji: Zieleń przy szkole"
    ]


def test_a_calls_deadline_is_announced_three_days_before(home_page, subscribe, commit):
    GrantCallIndexPageFactory(parent=home_page)
    email = subscribe(kinds=["grant_call"])
    due = timezone.now() + timedelta(days=5)
    call = GrantCallFactory(title="Wypoczynek letni", offers_due_at=due)
    now = timezone.now()
    clock.tick(now)
    assert mail.outbox == []
    clock.tick(now + timedelta(days=2, hours=1))
    [message] = [m for m in mail.outbox if m.to == [email]]
    assert message.subject == "Zbliża się termin składania ofert: Wypoczynek letni"
    assert f"/konkursy/{call.slug}/" in message.body
    clock.tick(now + timedelta(days=3))
    assert len(mail.outbox) == 1
