"""A draft, a private or restricted page, or a record not live never sets off a message."""

from django.contrib.auth.models import Group
from django.core import mail

from wagtail.models import PageViewRestriction

import pytest

from alerts import tasks
from alerts.models import AlertEvent, Delivery
from tests.factories.consultations import ConsultationPageFactory
from tests.factories.registry import GrantCallFactory, GrantCallIndexPageFactory

pytestmark = pytest.mark.django_db


def test_a_draft_never_triggers(consultations, subscribe, commit):
    subscribe()
    with commit():
        draft = ConsultationPageFactory(parent=consultations, publish=False, live=False)
        draft.save_revision()
    # Even asked directly (a stale task, a clock run), a draft is not announced.
    tasks.announce.enqueue("consultation", str(draft.pk), ["published", "opened"])
    assert mail.outbox == []
    assert not AlertEvent.objects.exists()


@pytest.mark.parametrize(
    "restriction",
    [
        {"restriction_type": PageViewRestriction.LOGIN},
        {"restriction_type": PageViewRestriction.PASSWORD, "password": "tajne"},
        {"restriction_type": PageViewRestriction.GROUPS},
    ],
    ids=["login", "password", "groups"],
)
def test_a_restricted_section_never_triggers(consultations, subscribe, commit, restriction):
    subscribe()
    restricted = PageViewRestriction.objects.create(page=consultations, **restriction)
    if restriction["restriction_type"] == PageViewRestriction.GROUPS:
        restricted.groups.add(Group.objects.create(name="Tylko ta grupa"))
    with commit():
        ConsultationPageFactory(parent=consultations, title="Tylko dla zalogowanych")
    assert mail.outbox == []
    assert not AlertEvent.objects.exists()


def test_an_item_restricted_after_it_was_queued_is_withdrawn(
    consultations, subscribe, commit, settings
):
    settings.ALERTS_DIGEST_TIME = "00:00"
    subscribe(frequency="daily")
    with commit():
        ConsultationPageFactory(parent=consultations)
    PageViewRestriction.objects.create(
        page=consultations, restriction_type=PageViewRestriction.LOGIN
    )
    from alerts import clock

    clock.tick()
    assert mail.outbox == []
    assert Delivery.objects.get().state == Delivery.State.WITHDRAWN


def test_a_call_not_live_or_without_a_public_calls_page_never_triggers(
    home_page, subscribe, commit
):
    subscribe(kinds=["grant_call"])
    with commit():
        call = GrantCallFactory(live=False)
    tasks.announce.enqueue("grant_call", str(call.pk), ["published"])
    assert mail.outbox == []  # not live
    calls_page = GrantCallIndexPageFactory(parent=home_page)
    PageViewRestriction.objects.create(page=calls_page, restriction_type=PageViewRestriction.LOGIN)
    with commit():
        live_call = GrantCallFactory(live=True)
        live_call.save_revision().publish()
    assert mail.outbox == []  # its page is restricted
    PageViewRestriction.objects.all().delete()
    with commit():
        live_call.save_revision().publish()
    [message] = mail.outbox
    assert live_call.title in message.subject
