"""What makes the anonymous page cache stale: published content changing, not drafts or forms."""

from functools import cache

from django.db.models.signals import post_delete, post_save

from wagtail import signals as wagtail_signals
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import BaseViewRestriction, Page, Site
from wagtail.snippets.models import get_snippet_models

from core.models import Submission
from core.page_cache import invalidate_page_cache

# Models whose rows show on public pages as they are saved (no draft/publish step).
_ALWAYS_LIVE_BASES = (
    BaseSiteSetting,
    BaseGenericSetting,
    AbstractDocument,
    AbstractImage,
    Site,
    BaseViewRestriction,
    Redirect,
)


@cache
def _shows_on_public_pages(model) -> bool:
    # A model may say so itself (e.g. registrations: free places show on public pages).
    if getattr(model, "invalidates_page_cache", False):
        return True
    if issubclass(model, Page):
        return False  # pages count when published, not when a draft is saved
    if issubclass(model, Submission):
        return False  # what visitors send (comments, bookings) is not shown as it arrives
    if issubclass(model, _ALWAYS_LIVE_BASES):
        return True
    return model in get_snippet_models()


def _on_save_or_delete(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return  # fixtures being loaded
    if kwargs.get("created") and issubclass(sender, (BaseSiteSetting, BaseGenericSetting)):
        return  # made with its defaults on first read: the pages showed those already
    if _shows_on_public_pages(sender):
        invalidate_page_cache()


def _on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate_page_cache()


def _on_publication_change(sender, **kwargs):
    invalidate_page_cache()


def connect() -> None:
    post_save.connect(_on_save_or_delete, dispatch_uid="page_cache_save")
    post_delete.connect(_on_save_or_delete, dispatch_uid="page_cache_delete")
    post_delete.connect(_on_page_deleted, dispatch_uid="page_cache_page_delete")
    for signal in (
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
        wagtail_signals.post_page_move,
        wagtail_signals.page_slug_changed,
        wagtail_signals.published,
        wagtail_signals.unpublished,
    ):
        signal.connect(_on_publication_change, dispatch_uid=f"page_cache_{id(signal)}")
