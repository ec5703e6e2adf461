"""Versioned tags: what a cached page or fragment depends on, and how it is made stale.

Each tag ("all", "page:12", "model:snippets.ngo", "lists") has a version in the cache. An
entry records the versions of its tags when it was made and is fresh while they are all
unchanged; `bump(tag, …)` gives tags new versions, so exactly the entries that depend on
them go stale (core.page_cache_signals says which tags a change bumps). Every entry also
depends on "all", bumped by changes whose reach cannot be narrowed (settings, privacy,
a section's move or its removal).

A cache that does not answer (Redis down) reads as "no version known": entries are then
misses, never served stale, and a bump that cannot be written is retried on commit.
"""

import logging
import math
import secrets
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction

from core import cache_reads

logger = logging.getLogger(__name__)

ALL = "all"
# Bumped with "all" by changes that must never be served late, even to a waiting visitor
# (privacy, unpublishing, moves): an entry whose "hard" version is old is never served.
HARD = "hard"
# Pages whose type does not say what it lists (page_cache_lists): bumped by every publish
# and every snippet, document or image saved.
CONTENT = "content"
# Answers that are not a page (search, the API, feeds, sitemaps): bumped by every change,
# registrations included.
ANY = "any"
# Entries made by an older release are ignored after a deploy that changes their form.
# 3: tag versions are integers (2: short strings). 4: a page's headers as a dict
# {lowercase name: (name, value)} (core.page_cache._freeze; 3: a list of pairs). A change
# of one kind of entry alone renames that kind instead (core.site_structure._route_name):
# this version names the tags' versions too, which every release running must share.
FORMAT_VERSION = 4
_PREFIX = f"pagecache:v{FORMAT_VERSION}:tag:"


def cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def page_tag(page_id) -> str:
    return f"page:{page_id}"


def model_tag(model_or_label) -> str:
    label = getattr(getattr(model_or_label, "_meta", None), "label_lower", model_or_label)
    return f"model:{str(label).lower()}"


def _new_version() -> int:
    """A random version, never one a tag had before (a version key evicted and made again
    must not make old entries fresh). An integer: Django's Redis backend stores and reads it
    without pickle, and a hit reads one per tag of its page."""
    return secrets.randbits(62)


def versions(tags, already: dict | None = None) -> dict[str, int] | None:
    """The current version of each of TAGS (made on first use); None if the cache fails.

    ALREADY holds raw values read together with something else (one round trip)."""
    tags = sorted(set(tags))
    store = cache()
    try:
        found = dict(already or {})
        missing_keys = [_PREFIX + tag for tag in tags if _PREFIX + tag not in found]
        if missing_keys:
            found.update(cache_reads.get_many(store, missing_keys))
        result = {}
        for tag in tags:
            value = found.get(_PREFIX + tag)
            if value is None:
                cache_reads.changed()
                store.add(_PREFIX + tag, _new_version(), timeout=None)
                value = store.get(_PREFIX + tag)
                if value is None:
                    return None
            result[tag] = value
        return result
    except Exception:  # any cache failure: treat as a miss
        logger.warning("page cache: tag versions unreadable", exc_info=True)
        return None


def version_keys(tags) -> list[str]:
    """Cache keys of TAGS' versions, to be read in the same get_many as an entry."""
    return [_PREFIX + tag for tag in tags]


def still_valid(recorded: dict, found: dict) -> bool:
    """Whether the versions RECORDED in an entry are the current ones in FOUND (raw keys)."""
    return all(found.get(_PREFIX + tag) == version for tag, version in recorded.items())


def bump(*tags: str) -> None:
    """Make every entry depending on any of TAGS stale: now, and again on commit.

    The second time matters: a request served between the first bump and the commit could
    otherwise store what the database showed before the change.
    """
    keys = [_PREFIX + tag for tag in set(tags)]
    if not keys:
        return
    cache_reads.changed()

    def write():
        try:
            cache().set_many({key: _new_version() for key in keys}, timeout=None)
        except Exception:  # the entries expire by their lifetime; say so loudly
            logger.error("page cache: could not invalidate %s", tags, exc_info=True)

    write()
    transaction.on_commit(write)


def shared_between_processes() -> bool:
    """Whether every app process (and every management command) reads the same cache.

    A local-memory cache (no REDIS_URL) is this process's own: a bump made by another
    process (a second worker, a command) never reaches it, so what must never be served
    late (the restricted pages, core.request_memo) is not shared through it."""
    return not isinstance(cache(), LocMemCache)


def fragment_seconds() -> int:
    return int(getattr(settings, "FRAGMENT_CACHE_SECONDS", 0) or 0)


def fragment(name: str, compute, tags=(ALL,), seconds: float | None = None):
    """COMPUTE()'s value, shared by every reader until one of TAGS (and "all") is bumped,
    at most FRAGMENT_CACHE_SECONDS (and at most SECONDS when given: what changes by the
    clock is bounded by its next change).

    Only for what is the same for every visitor, signed in or not (public pages only).
    Off when FRAGMENT_CACHE_SECONDS is 0 (the test suite); a failing cache computes."""
    limit = fragment_seconds()
    seconds = limit if seconds is None else min(limit, math.floor(seconds))
    if seconds <= 0:
        return compute()
    tags = sorted({ALL, *tags})
    entry_key = f"pagecache:v{FORMAT_VERSION}:fragment:{name}"
    try:
        found = cache_reads.get_many(cache(), [entry_key, *version_keys(tags)])
    except Exception:
        logger.warning("page cache: fragment %s unreadable", name, exc_info=True)
        return compute()
    entry = found.get(entry_key)
    if entry is not None and still_valid(entry[0], found):
        return entry[1]
    current = versions(tags, found)  # read before computing: a bump meanwhile wins
    value = compute()
    if current is not None:
        cache_reads.changed()
        try:
            cache().set(entry_key, (current, value), timeout=seconds)
        except Exception:
            logger.warning("page cache: fragment %s not stored", name, exc_info=True)
    return value


def _tagged_key(name: str) -> str:
    return f"pagecache:v{FORMAT_VERSION}:fragment:{name}"


def tagged_entries(names) -> tuple[dict, dict | None]:
    """The entries `tagged_compute` stored under NAMES that are still fresh ({name: value})
    and the raw versions read with them, for `tagged_compute`; ({}, None) when nothing is
    shared (FRAGMENT_CACHE_SECONDS 0) or the cache fails. The entries are read with the
    versions of "all" and "hard", then those of their other tags: both from the request's
    read-ahead once its path was read before (core.cache_reads)."""
    if fragment_seconds() <= 0:
        return {}, None
    keys = {_tagged_key(name): name for name in names}
    try:
        found = cache_reads.get_many(cache(), [*keys, *version_keys([ALL, HARD])])
        entries = {key: found[key] for key in keys if key in found}
        unread = {
            version_key
            for recorded, _value in entries.values()
            for version_key in version_keys(recorded)
            if version_key not in found
        }
        if unread:
            found.update(cache_reads.get_many(cache(), sorted(unread)))
    except Exception:
        logger.warning("page cache: tagged entries unreadable", exc_info=True)
        return {}, None
    fresh = {
        keys[key]: value
        for key, (recorded, value) in entries.items()
        if still_valid(recorded, found)
    }
    return fresh, found


# `tagged_compute`'s DEPEND without STORED: the value computed is what is stored.
_THE_VALUE = object()


def tagged_compute(compute, found: dict | None):
    """COMPUTE(depend)'s value, for a value whose tags and name are known only while it is
    computed. COMPUTE calls DEPEND(tags, store_as=name) before it reads anything those tags
    alone make stale (their versions are read then: a bump meanwhile wins; "all" was read
    with FOUND, `tagged_entries`' raw versions, before computing: what COMPUTE reads before
    calling DEPEND must be made stale by "all" too), and only for a value the same
    for everyone: a value it does not call DEPEND for (or last calls it with None) is not
    stored, nor one whose computing raised. DEPEND's STORED, when given, is stored in the
    value's place: the part of a value that is the same for everyone, when the rest is
    not. DEPEND is None when nothing is shared (FOUND None: FRAGMENT_CACHE_SECONDS 0, the
    cache failing)."""
    seconds = fragment_seconds()
    if seconds <= 0 or found is None:
        return compute(None)
    recorded = versions([ALL], found)
    name = None
    kept = _THE_VALUE

    def depend(tags, store_as=None, stored=_THE_VALUE):
        nonlocal recorded, name, kept
        name = store_as if tags is not None else None
        kept = stored
        if tags is not None and recorded is not None:
            more = versions(tags, found)
            recorded = {**recorded, **more} if more is not None else None

    value = compute(depend)
    if name is not None and recorded is not None:
        cache_reads.changed()
        entry = value if kept is _THE_VALUE else kept
        try:
            cache().set(_tagged_key(name), (recorded, entry), timeout=seconds)
        except Exception:
            logger.warning("page cache: tagged entry %s not stored", name, exc_info=True)
    return value


# The models changed within a `bulk_change()` block, while it runs; else None.
_bulk: ContextVar[set | None] = ContextVar("page_cache_bulk_change", default=None)


@contextmanager
def bulk_change():
    """Within the block, a saved or published snippet does not look up the pages using it
    (core.page_cache_signals, a query per object): when the block ends without an error,
    everything is made stale once. For bulk writes (the NGO import). Nested blocks bump
    once, at the end of the outer one."""
    if _bulk.get() is not None:
        yield
        return
    changed: set = set()
    token = _bulk.set(changed)
    try:
        yield
    finally:
        _bulk.reset(token)
    if changed:
        bump(ALL)


def bulk_changes() -> set | None:
    """The models changed in the running `bulk_change()` block, or None outside one."""
    return _bulk.get()
