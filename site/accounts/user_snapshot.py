"""A signed-in reader's user row and permissions, shared between requests (issue 17, goal 7).

Every signed-in request read the user's row (with their second factor's state) and, as soon
as anything asked for a permission (the second factor's requirement on every request,
Wagtail's user bar), their permissions: two queries whose planning and compiling cost more
than the rest of a public page's shared parts together. Here both are kept, as the loaded
user object with its permission sets filled (accounts.backends), in the sessions' cache:
the Redis that never evicts and already holds what signs a reader in (a session key is
worth a password), read in one round trip with the versions that make it stale.

Stale never: an entry records two versions when it is read from the database, and is used
only while both are unchanged:

- the user's own, bumped when their row is saved or deleted (a password, is_active, a
  login), their groups or own permissions change, or one of their devices is saved or
  deleted (a device removed counts at once, accounts.two_factor);
- everyone's, bumped when a group, a permission, a group's permissions or a content type
  change, and after every migrate (a migration's historical models send no signal ours
  would know).

Each bump is made now and again on commit (a request served between the two would
otherwise store what the database showed before the change), and an entry lives at most
SNAPSHOT_SECONDS, which bounds what a change bypassing signals (a queryset's update(), raw
SQL) could leave stale. A version that cannot be read means no snapshot: the user is read
from the database, as before.

Only where sessions have that cache (SESSION_CACHE_ALIAS "sessions": Redis in production,
the suite's memory cache in its one process); without it (no REDIS_URL, each process its
own memory) a bump made by one process would not reach another, so nothing is kept.
"""

import logging
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from django_otp import device_classes

from core import cache_reads, request_memo

logger = logging.getLogger(__name__)

SNAPSHOT_SECONDS = 300
# Entries made by an older release are ignored after a deploy that changes their form.
FORMAT_VERSION = 1
_PREFIX = f"user-snapshot:v{FORMAT_VERSION}:"
_EVERYONE = _PREFIX + "everyone"


def _user_version_key(user_id) -> str:
    return f"{_PREFIX}version:{user_id}"


def _entry_key(user_id) -> str:
    return f"{_PREFIX}user:{user_id}"


def _cache():
    """The sessions' cache, or None where sessions have none (see the module's note)."""
    alias = getattr(settings, "SESSION_CACHE_ALIAS", None)
    if alias != "sessions" or alias not in settings.CACHES:
        return None
    return caches[alias]


def enabled() -> bool:
    """Whether users are kept between requests here."""
    return _cache() is not None


def _new_version() -> int:
    # Random, never a version a key had before: a key lost and made again must not make
    # an old entry fresh.
    return secrets.randbits(62)


def _current_versions(store, found: dict, keys: list[str]) -> dict | None:
    """The versions under KEYS (made on first use) from FOUND, the values read with the
    entry; None if the cache fails."""
    versions = {}
    for key in keys:
        value = found.get(key)
        if value is None:
            store.add(key, _new_version(), timeout=None)
            value = store.get(key)
            if value is None:
                return None
        versions[key] = value
    return versions


def keys_for(user_id) -> list[str]:
    """The keys load() reads for USER_ID: its entry, then the versions it is checked by."""
    return [_entry_key(user_id), _EVERYONE, _user_version_key(user_id)]


_OFFERED = "user-snapshot:offered"


def offer(user_id, found: dict) -> None:
    """FOUND, what was just read of keys_for(USER_ID) (with the session: accounts
    .session_store), for load() to take instead of reading them again in this request."""
    memo = request_memo.memo()
    if memo is not None:
        memo[_OFFERED] = (str(user_id), found)


def _offered(user_id) -> dict | None:
    """What offer() left for USER_ID in this request, once (None: nothing, or for another)."""
    memo = request_memo.memo()
    offered = memo.pop(_OFFERED, None) if memo is not None else None
    if offered is None or offered[0] != str(user_id):
        return None
    return offered[1]


def load(user_id, read):
    """READ()'s user (None: no such user), from the snapshot while it is fresh."""
    store = _cache()
    if store is None:
        return read()
    entry_key, *keys = keys_for(user_id)
    try:
        found = _offered(user_id)
        if found is None:
            found = store.get_many([entry_key, *keys])
        entry = found.get(entry_key)
        if entry is not None and all(found.get(key) == entry[0].get(key) for key in keys):
            return entry[1]
        versions = _current_versions(store, found, keys)  # before reading: a bump wins
    except Exception:
        logger.warning("user snapshot unreadable", exc_info=True)
        return read()
    user = read()
    if user is not None and versions is not None:
        try:
            store.set(entry_key, (versions, user), timeout=SNAPSHOT_SECONDS)
        except Exception:
            logger.warning("user snapshot not stored", exc_info=True)
    return user


def _bump(keys: list[str]) -> None:
    store = _cache()
    if store is None or not keys:
        return
    cache_reads.changed()  # a snapshot read ahead in this request is stale now

    def write():
        try:
            store.set_many({key: _new_version() for key in keys}, timeout=None)
        except Exception:  # entries expire by SNAPSHOT_SECONDS; say so loudly
            logger.error("user snapshot: could not invalidate %s", keys, exc_info=True)

    write()
    transaction.on_commit(write)


def forget_users(user_ids) -> None:
    """Make the snapshots of USER_IDS stale."""
    _bump([_user_version_key(pk) for pk in user_ids if pk is not None])


def forget_everyone(**kwargs) -> None:
    """Make every snapshot stale."""
    _bump([_EVERYONE])


def _on_user_changed(sender, instance, **kwargs):
    forget_users([instance.pk])


def _on_device_changed(sender, instance, **kwargs):
    forget_users([instance.user_id])


def _on_user_relation_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A user's groups or own permissions: forward (user.groups.add) the user; reverse
    (group.user_set.add) the users named, every user when the set is cleared."""
    if not action.startswith("post_"):
        return
    if not reverse:
        forget_users([instance.pk])
    elif pk_set:
        forget_users(pk_set)
    else:
        forget_everyone()


def _on_group_permissions_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        forget_everyone()


def connect() -> None:
    User = get_user_model()
    uid = "accounts-user-snapshot"
    for signal in (post_save, post_delete):
        signal.connect(_on_user_changed, sender=User, dispatch_uid=f"{uid}-user")
        for model in (Group, Permission, ContentType):
            signal.connect(forget_everyone, sender=model, dispatch_uid=f"{uid}-{model.__name__}")
        for model in device_classes():
            signal.connect(_on_device_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}")
    for through in (User.groups.through, User.user_permissions.through):
        m2m_changed.connect(
            _on_user_relation_changed, sender=through, dispatch_uid=f"{uid}-{through.__name__}"
        )
    m2m_changed.connect(
        _on_group_permissions_changed,
        sender=Group.permissions.through,
        dispatch_uid=f"{uid}-group-permissions",
    )
    post_migrate.connect(forget_everyone, dispatch_uid=f"{uid}-migrate")
