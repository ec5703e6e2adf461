"""What a change makes stale in the page cache (core.cache_tags): only what shows it.

- A page published: the page, its ancestors (their lists), the pages whose type lists its
  type (page_cache_lists), "content" (pages that do not say what they list) and "any"
  (search, the API, feeds, sitemaps). A section
  (a child of a site root) or a page with children also changes menus and breadcrumbs:
  everything.
- A page unpublished, moved, renamed or deleted, an alias made, a view restriction (its
  groups too), a collection, a group deleted: every entry, with no stale copy standing in
  ("hard"); the shared view restrictions (core.request_memo) name groups by id.
- A snippet, document or image saved: the pages that use it (Wagtail's reference index),
  the pages whose type lists its model, "content" and "any"; a document or image in a
  private collection: everything, "hard" (it may have just been moved there).
- Settings, sites, redirects: everything.
- A registration (a model with `invalidates_page_cache`): the page it belongs to
  (`page_cache_page_id`), the lists of that page's type (`page_cache_page_model`) and
  "any" -- not "content": pages that do not declare they list events keep their entries.
Drafts and visitors' submissions change nothing public.

A bulk write (the NGO import) runs in `core.cache_tags.bulk_change()`: the snippets it saves make
everything stale once, at the block's end, instead of each asking the reference index
which pages use it (a query per record).
"""

import logging
from functools import cache

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from wagtail import signals as wagtail_signals
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
    Site,
)
from wagtail.snippets.models import get_snippet_models

from core.cache_tags import ALL, ANY, CONTENT, HARD, bulk_changes, bump, model_tag, page_tag
from core.collection_privacy import restriction_ids
from core.models import Submission

logger = logging.getLogger(__name__)

_EVERYTHING = (BaseSiteSetting, BaseGenericSetting, Site, Redirect)
_PRIVACY = (BaseViewRestriction, Collection)
_USED_BY_PAGES = (AbstractDocument, AbstractImage)


@cache
def _kind(model) -> str | None:
    """How a save or delete of MODEL reaches public pages (None: it does not)."""
    if getattr(model, "invalidates_page_cache", False):
        return "owned"  # e.g. registrations: free places show on their event
    if issubclass(model, Page):
        return None  # pages count when published, not when a draft is saved
    if issubclass(model, Submission):
        return None  # what visitors send (comments, bookings) is not shown as it arrives
    if issubclass(model, _PRIVACY):
        return "privacy"
    if issubclass(model, _EVERYTHING):
        return "everything"
    if issubclass(model, _USED_BY_PAGES) or model in get_snippet_models():
        return "used"
    return None


def _pages_using(instance) -> list[int]:
    """Pages whose content refers to INSTANCE, by Wagtail's reference index."""
    try:
        page_type = ContentType.objects.get_for_model(Page)
        references = ReferenceIndex.get_references_to(instance).filter(base_content_type=page_type)
        return [int(pk) for pk in references.values_list("object_id", flat=True).distinct()]
    except Exception:  # an unindexable object: its lists and "content" are still bumped
        logger.warning("page cache: no references for %r", instance, exc_info=True)
        return []


def _in_private_collection(instance) -> bool:
    collection = getattr(instance, "collection", None)
    if collection is None:
        return False

    return bool(restriction_ids(collection))


def _on_save_or_delete(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return  # fixtures being loaded
    if kwargs.get("created") and issubclass(sender, (BaseSiteSetting, BaseGenericSetting)):
        return  # made with its defaults on first read: the pages showed those already
    kind = _kind(sender)
    if kind == "privacy":
        bump(ALL, HARD)
    elif kind == "everything":
        bump(ALL)
    elif kind == "used" and _in_private_collection(instance):
        bump(ALL, HARD)  # it may have just become private: no stale copy may stand in
    elif kind == "used" and bulk_changes() is not None:
        bulk_changes().add(sender)  # everything is made stale at the end of the block
    elif kind == "used":
        bump(ANY, CONTENT, model_tag(sender), *(page_tag(pk) for pk in _pages_using(instance)))
    elif kind == "owned":
        page_id = getattr(instance, "page_cache_page_id", None)
        page_model = getattr(sender, "page_cache_page_model", None)
        tags = [ANY, model_tag(sender)]
        if page_id is not None:
            tags.append(page_tag(page_id))
        if page_model is not None:
            tags.append(model_tag(page_model))
        bump(*tags)


def _on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump(ALL, HARD)


def _on_published(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        _on_save_or_delete(type(instance), instance)  # a snippet published: as a save
        return
    parent_path = instance.path[: -Page.steplen]
    is_section = Site.objects.filter(root_page__path=parent_path).exists()
    if is_section or instance.numchild or instance.depth <= 2:
        bump(ALL)  # menus, breadcrumbs and links of many pages
        return
    ancestors = instance.get_ancestors().values_list("pk", "depth")
    bump(
        ANY,
        CONTENT,
        page_tag(instance.pk),
        model_tag(instance.specific_class or type(instance)),
        *(page_tag(pk) for pk, _depth in ancestors),
    )


def _everything_hard(sender, **kwargs):
    """Every entry stale, no stale copy standing in: the tree changed (a page unpublished,
    moved or renamed), a group was deleted (SQLite gives its id to the next group, which
    the shared restrictions, core.request_memo, would still name), or a migration ran (its
    writes send no signal of ours)."""
    bump(ALL, HARD)


def _on_alias_created(sender, instance, created=False, raw=False, **kwargs):
    """A new alias is live at once, without a publication, and may stand for a page of a
    restricted section (core.request_memo makes it private): the shared list of private
    pages and every list that could show it go stale."""
    if created and not raw and isinstance(instance, Page) and instance.alias_of_id is not None:
        bump(ALL, HARD)


def _on_restriction_groups_changed(sender, action, **kwargs):
    """A restriction's groups changed (saving the restriction came first and bumped too,
    but code may set them alone): who may read what changed."""
    if action.startswith("post_"):
        bump(ALL, HARD)


def connect() -> None:
    for restriction in (PageViewRestriction, CollectionViewRestriction):
        m2m_changed.connect(
            _on_restriction_groups_changed,
            sender=restriction.groups.through,
            dispatch_uid=f"page_cache_{restriction.__name__}_groups",
        )
    post_delete.connect(_everything_hard, sender=Group, dispatch_uid="page_cache_group_deleted")
    post_migrate.connect(_everything_hard, dispatch_uid="page_cache_migrated")
    post_save.connect(_on_save_or_delete, dispatch_uid="page_cache_save")
    post_delete.connect(_on_save_or_delete, dispatch_uid="page_cache_delete")
    post_delete.connect(_on_page_deleted, dispatch_uid="page_cache_page_delete")
    post_save.connect(_on_alias_created, dispatch_uid="page_cache_alias_created")
    wagtail_signals.page_published.connect(_on_published, dispatch_uid="page_cache_published")
    wagtail_signals.published.connect(_on_published, dispatch_uid="page_cache_published_any")
    for signal in (
        wagtail_signals.page_unpublished,
        wagtail_signals.unpublished,
        wagtail_signals.post_page_move,
        wagtail_signals.page_slug_changed,
    ):
        signal.connect(_everything_hard, dispatch_uid=f"page_cache_{id(signal)}")
