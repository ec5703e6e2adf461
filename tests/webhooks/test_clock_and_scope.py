"""What webhooks listen to: the pages and the records the API serves, nothing else (a save
of any other model runs none of their code); the app order that makes it so is checked;
and what a receiver hears when a record becomes public, or stops being, by the clock."""

import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction, get_page_models

import pytest

from core.models import ClockMark
from snippets.models import NGO
from tests.factories.consultations import ConsultationIndexPageFactory, ConsultationPageFactory
from tests.factories.registry import GrantCallFactory, SmallGrantOfferFactory
from tests.webhooks.helpers import SECRET, verify
from webhooks import signal_handlers
from webhooks.apps import check_app_order
from webhooks.clock import tick
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.objects import announced_models

OURS = {
    signal_handlers._record_saving.__wrapped__,
    signal_handlers._record_changed.__wrapped__,
    signal_handlers._record_deleting.__wrapped__,
    signal_handlers._record_deleted.__wrapped__,
    signal_handlers._deleting.__wrapped__,
}


def _ours(signal, sender) -> set:
    return {getattr(r, "__wrapped__", r) for r in signal._live_receivers(sender)[0]} & OURS


def test_record_handlers_are_connected_to_the_served_models_only():
    served = set(announced_models())
    assert NGO in served
    for signal in (pre_save, post_save, pre_delete, post_delete):
        assert _ours(signal, NGO), signal
        # Models no endpoint serves run none of our code on save or delete.
        assert not _ours(signal, ClockMark)
        assert not _ours(signal, get_user_model())


def test_page_deletes_are_heard_per_page_type_and_not_for_the_base_row():
    page_types = [model for model in get_page_models() if model is not Page]
    assert page_types
    for model in page_types:
        assert signal_handlers._deleting.__wrapped__ in _ours(pre_delete, model)
    assert not _ours(pre_delete, Page)


@pytest.mark.parametrize(
    "apps",
    [
        ["core", "webhooks", "api"],
        ["core", "webhooks"],
    ],
)
def test_webhooks_before_api_is_refused(apps):
    with pytest.raises(ImproperlyConfigured, match="'api' must come before 'webhooks'"):
        check_app_order(apps)


def test_the_settings_order_is_accepted(settings):
    check_app_order(list(settings.INSTALLED_APPS))
    assert settings.INSTALLED_APPS.index("api") < settings.INSTALLED_APPS.index("webhooks")


# --- the clock --------------------------------------------------------------------------


@pytest.fixture
def listening(receiver, settings):
    """An endpoint made after the content exists: creating it announced nothing."""

    def make():
        return WebhookEndpoint.objects.create(name="Odbiorca", url=receiver.url, secret=SECRET)

    return make


def _tick(since, now, django_capture_on_commit_callbacks) -> int:
    ClockMark.objects.update_or_create(name="webhooks", defaults={"at": since})
    with django_capture_on_commit_callbacks(execute=True):
        return tick(now)


def _events(receiver):
    return [verify(message) for message in receiver.received]


@pytest.mark.django_db
def test_an_offer_public_from_its_day_is_announced_that_day_once(
    receiver, listening, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    due = SmallGrantOfferFactory(published_on=today)
    SmallGrantOfferFactory(published_on=today + timedelta(days=1))  # not public yet
    SmallGrantOfferFactory(published_on=today, live=False)  # a draft: never
    SmallGrantOfferFactory(published_on=today - timedelta(days=5))  # public for days
    listening()
    now = timezone.now()
    _tick(now - timedelta(days=1), now, django_capture_on_commit_callbacks)
    assert [(e["event"], e["object"]["id"]) for e in _events(receiver)] == [("publish", due.pk)]
    assert _events(receiver)[0]["object"]["endpoint"] == "small-grant-offers"
    receiver.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tick(now + timedelta(minutes=5))  # the next run continues from the mark
    assert receiver.received == []


@pytest.mark.django_db
def test_a_consultation_opening_or_closing_is_announced_when_public(
    home_page, receiver, listening, django_capture_on_commit_callbacks
):
    now = timezone.now()
    index = ConsultationIndexPageFactory(parent=home_page)
    opening = ConsultationPageFactory(parent=index, opens_at=now - timedelta(minutes=3))
    closing = ConsultationPageFactory(
        parent=index, opens_at=now - timedelta(days=9), closes_at=now - timedelta(minutes=2)
    )
    ConsultationPageFactory(parent=index)  # opened yesterday: no moment in this run
    hidden = ConsultationPageFactory(parent=index, opens_at=now - timedelta(minutes=1))
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    draft = ConsultationPageFactory(parent=index, opens_at=now - timedelta(minutes=1))
    draft.unpublish()
    listening()
    _tick(now - timedelta(minutes=5), now, django_capture_on_commit_callbacks)
    events = _events(receiver)
    assert sorted(e["page"]["id"] for e in events) == sorted([opening.pk, closing.pk])
    assert {e["event"] for e in events} == {"publish"}
    assert "Krótko" not in b"".join(m["body"] for m in receiver.received).decode()


@pytest.mark.django_db
def test_a_record_state_moment_is_announced_and_nothing_without_a_receiver(
    receiver, listening, django_capture_on_commit_callbacks
):
    now = timezone.now()
    call = GrantCallFactory(offers_due_at=now - timedelta(minutes=1))
    assert _tick(now - timedelta(minutes=5), now, django_capture_on_commit_callbacks) == 0
    assert not WebhookDelivery.objects.exists()  # nobody listened
    listening()
    _tick(now - timedelta(minutes=5), now, django_capture_on_commit_callbacks)
    assert [(e["event"], e["object"]["id"]) for e in _events(receiver)] == [("publish", call.pk)]


@pytest.mark.django_db
def test_the_command_runs_the_clock(receiver, listening):
    listening()
    out = io.StringIO()
    call_command("send_webhooks_due", stdout=out)
    assert "Zmiany zegara do ogłoszenia: " in out.getvalue()
    assert ClockMark.objects.filter(name="webhooks").exists()
