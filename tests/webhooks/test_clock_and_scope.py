"""What webhooks listen to: the pages and the records the API serves, nothing else (a save
of any other model runs none of their code); the app order that makes it so is checked;
and what a receiver hears when a record becomes public, or stops being, by the clock."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from wagtail.models import Page, get_page_models

import pytest

from alerts.models import ClockMark
from snippets.models import NGO
from webhooks import signal_handlers
from webhooks.apps import check_app_order
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
