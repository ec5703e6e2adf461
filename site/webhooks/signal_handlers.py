"""Events -> one delivery per matching endpoint, sent by the worker after commit.

Three sources:
- pages published, unpublished, deleted (Wagtail's signals);
- a page's visibility changed without a publication: a view restriction added to (or
  removed from) a page, or a page moved under (or out of) a restricted section. Every
  page of the subtree that was public and no longer is gets `unpublish` (consumers drop
  it), every one that became public gets `publish`;
- records an API endpoint serves (webhooks.objects): compared at commit with what they
  were before the transaction's first change, so many saves of one record give one event:
  `publish` if public now, `unpublish` if it was and is not, `delete` if it was and is gone.
"""

import logging
import threading
from functools import partial, wraps

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from wagtail import signals as wagtail_signals
from wagtail.models import Page, PageViewRestriction, get_page_models

from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.objects import announced, discover
from webhooks.payloads import announceable, object_payload, page_payload
from webhooks.tasks import deliver

logger = logging.getLogger(__name__)

# Per thread: the records pending in the current transaction, the pages being moved.
_local = threading.local()


def _guarded(handler):
    """Every save and delete of a page or of a record the API serves passes through these
    handlers: a fault in them (an endpoint's queryset that needs a request, a database
    hiccup in the log) is logged and never fails the save, the delete or the commit that
    caused it."""

    @wraps(handler)
    def run(*args, **kwargs):
        try:
            return handler(*args, **kwargs)
        except Exception:
            logger.exception("webhooks: %s failed; no event for this change", handler.__name__)
            return None

    return run


# Saves that change only a record's bookkeeping (a draft saved as a revision, a lock), not
# what the public sees: not an event.
BOOKKEEPING_FIELDS = frozenset(
    {
        "latest_revision",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "draft_title",
        "latest_revision_created_at",
    }
)


def _endpoints_for(event: str, label: str) -> list[WebhookEndpoint]:
    return [e for e in WebhookEndpoint.objects.filter(active=True) if e.wants(event, label)]


def _store(event: str, label: str, payload) -> list[int]:
    """A delivery for every endpoint that wants EVENT of LABEL; queued after commit.
    PAYLOAD is a dict or a callable making it (only called when someone wants it)."""
    endpoints = _endpoints_for(event, label)
    if not endpoints:
        return []
    body = payload() if callable(payload) else payload
    ids = [
        WebhookDelivery.objects.create(endpoint=endpoint, event=event, payload=body).pk
        for endpoint in endpoints
    ]

    def queue():
        for pk in ids:
            deliver.enqueue(pk)

    transaction.on_commit(_guarded(queue))
    return ids


def _label(page: Page) -> str:
    return (page.specific_class or type(page))._meta.label


def record(page: Page, event: str) -> list[int]:
    """Store a delivery for every endpoint that wants EVENT of PAGE's type; queue them."""
    if not _endpoints_for(event, _label(page)) or not announceable(page, event):
        return []  # nobody listens (one query), or the public never saw it
    return _store(event, _label(page), partial(page_payload, page, event))


# --- pages -------------------------------------------------------------------------


@_guarded
def _published(sender, instance, **kwargs):
    record(instance, "publish")


@_guarded
def _unpublished(sender, instance, **kwargs):
    record(instance, "unpublish")


@_guarded
def _deleting(sender, instance, **kwargs):
    # Before the delete: the page's restrictions and tree are still there to be read. A
    # page type that extends another is deleted with its parent's row too: announced once,
    # for the instance of its own type.
    if instance.specific_class in (None, type(instance)):
        record(instance, "delete")


# --- a page's visibility ------------------------------------------------------------


def _public_ids(path: str) -> set[int]:
    """Live pages without any view restriction in the subtree at PATH."""
    return set(
        Page.objects.live().public().filter(path__startswith=path).values_list("pk", flat=True)
    )


def _announce_visibility(before: set[int], path_of) -> None:
    """At commit: compare BEFORE (the public pages of a subtree) with the subtree now
    (PATH_OF() gives its path then, None if it is gone)."""

    def compare():
        path = path_of()
        now = _public_ids(path) if path else set()
        changed = Page.objects.filter(pk__in=before ^ now).specific().order_by("path")
        for page in changed:
            event = "publish" if page.pk in now else "unpublish"
            _store(event, _label(page), partial(page_payload, page, event))

    transaction.on_commit(_guarded(compare))


@_guarded
def _restriction_saving(sender, instance, **kwargs):
    if instance._state.adding and instance.page_id and _listening():
        instance._webhooks_public_before = _public_ids(instance.page.path)


@_guarded
def _restriction_saved(sender, instance, created, **kwargs):
    before = getattr(instance, "_webhooks_public_before", None)
    if created and before:
        _announce_visibility(before, partial(_path_of, instance.page_id))


@_guarded
def _restriction_deleting(sender, instance, **kwargs):
    if not _listening():
        return
    page = Page.objects.filter(pk=instance.page_id).only("path").first()
    if page is not None:
        # The public pages while this restriction (or another) still hides some.
        instance._webhooks_public_before = _public_ids(page.path)


@_guarded
def _restriction_deleted(sender, instance, **kwargs):
    before = getattr(instance, "_webhooks_public_before", None)
    if before is None:
        return
    page_id = instance.page_id
    # A restriction deleted with its page (a cascade) announces nothing: at commit the
    # page is gone, and its deletion was announced (or not) by itself.
    _announce_visibility(before, partial(_path_of, page_id))


def _listening() -> bool:
    """Whether any endpoint is active: the subtree is read only for someone."""
    return WebhookEndpoint.objects.filter(active=True).exists()


def _path_of(page_id: int) -> str | None:
    return Page.objects.filter(pk=page_id).values_list("path", flat=True).first()


@_guarded
def _moving(sender, instance, **kwargs):
    moves = _local.__dict__.setdefault("moves", {})
    moves.pop(instance.pk, None)  # a move that failed before its post_page_move
    if not _listening():
        return
    moves[instance.pk] = _public_ids(Page.objects.get(pk=instance.pk).path)


@_guarded
def _moved(sender, instance, **kwargs):
    before = _local.__dict__.get("moves", {}).pop(instance.pk, None)
    if before is not None:
        _announce_visibility(before, partial(_path_of, instance.pk))


# --- records the API serves -----------------------------------------------------------


def _bookkeeping_only(update_fields) -> bool:
    return update_fields is not None and set(update_fields) <= BOOKKEEPING_FIELDS


@_guarded
def _record_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    record_type = announced(sender)
    if record_type is None or raw or _bookkeeping_only(update_fields):
        return
    if not _endpoints_for_any(sender._meta.label):
        return
    adding = instance._state.adding or instance.pk is None
    instance._webhooks_was_public = (not adding) and record_type.is_public(instance.pk)


@_guarded
def _record_changed(sender, instance, **kwargs):
    if not hasattr(instance, "_webhooks_was_public"):
        return  # not announced, nobody listens, or bookkeeping only (see _record_saving)
    was_public = instance.__dict__.pop("_webhooks_was_public")
    _pending().setdefault((sender, instance.pk), was_public)


@_guarded
def _record_deleting(sender, instance, **kwargs):
    record_type = announced(sender)
    if record_type is None or not _endpoints_for_any(sender._meta.label):
        return
    instance._webhooks_was_public = record_type.is_public(instance.pk)
    # Kept before Django clears the instance's primary key after the delete.
    instance._webhooks_pk = instance.pk


@_guarded
def _record_deleted(sender, instance, **kwargs):
    if not hasattr(instance, "_webhooks_was_public"):
        return
    _pending().setdefault((sender, instance._webhooks_pk), instance._webhooks_was_public)


def _endpoints_for_any(label: str) -> bool:
    return any(
        endpoint.wants(event, label)
        for endpoint in WebhookEndpoint.objects.filter(active=True)
        for event in ("publish", "unpublish", "delete")
    )


def _pending() -> dict:
    """The records changed in the current transaction: {(model, pk): was it public before}.
    Compared with the records at commit (_flush); a rolled-back transaction drops its
    on_commit callbacks, and with our flush what it had pending."""
    state = getattr(_local, "state", None)
    connection = transaction.get_connection()
    if state is None or not any(
        getattr(entry[1], "func", None) is _flush and entry[1].args[0] is state
        for entry in connection.run_on_commit
    ):
        state = {}
        _local.state = state
        # Outside a transaction the change is already saved: announced at once.
        if connection.in_atomic_block:
            transaction.on_commit(partial(_flush, state))
        else:
            return _Immediate()
    return state


class _Immediate(dict):
    """Outside a transaction: an item is announced as soon as it is noted."""

    def setdefault(self, key, default=None):
        _flush({key: default})
        return default


def _flush(state: dict) -> None:
    if getattr(_local, "state", None) is state:
        _local.state = None
    for (model, pk), was_public in state.items():
        try:
            _announce_record(model, pk, was_public)
        except Exception:  # one record's fault costs its event only (see _guarded)
            logger.exception("webhooks: no event for %s %s", model._meta.label, pk)


def _announce_record(model, pk, was_public: bool) -> None:
    record_type = announced(model)
    now_public = record_type.is_public(pk)
    if now_public:
        event = "publish"
    elif not was_public:
        return  # never public: nothing to say
    elif model._default_manager.filter(pk=pk).exists():
        event = "unpublish"
    else:
        event = "delete"
    _store(
        event,
        model._meta.label,
        partial(object_payload, model, pk, record_type.name, record_type.api_url(pk), event),
    )


def connect() -> None:
    """Connect the handlers to the senders they are for, not to every model's saves:
    pages (Wagtail's signals; a delete per page type), view restrictions, and the models
    the API's endpoints serve (webhooks.objects, read from the router, filled by then:
    `api` is ready before us, webhooks.apps checks it)."""
    wagtail_signals.page_published.connect(_published, dispatch_uid="webhooks_published")
    wagtail_signals.page_unpublished.connect(_unpublished, dispatch_uid="webhooks_unpublished")
    for model in get_page_models():
        if model is not Page:  # a page's delete also deletes its base row: once is enough
            pre_delete.connect(_deleting, sender=model, dispatch_uid="webhooks_deleting")
    pre_save.connect(
        _restriction_saving, sender=PageViewRestriction, dispatch_uid="webhooks_restricting"
    )
    post_save.connect(
        _restriction_saved, sender=PageViewRestriction, dispatch_uid="webhooks_restricted"
    )
    pre_delete.connect(
        _restriction_deleting, sender=PageViewRestriction, dispatch_uid="webhooks_unrestricting"
    )
    post_delete.connect(
        _restriction_deleted, sender=PageViewRestriction, dispatch_uid="webhooks_unrestricted"
    )
    wagtail_signals.pre_page_move.connect(_moving, dispatch_uid="webhooks_moving")
    wagtail_signals.post_page_move.connect(_moved, dispatch_uid="webhooks_moved")
    for model in discover():
        pre_save.connect(_record_saving, sender=model, dispatch_uid="webhooks_record_saving")
        post_save.connect(_record_changed, sender=model, dispatch_uid="webhooks_record_saved")
        pre_delete.connect(_record_deleting, sender=model, dispatch_uid="webhooks_record_deleting")
        post_delete.connect(_record_deleted, sender=model, dispatch_uid="webhooks_record_deleted")
