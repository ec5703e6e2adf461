"""A request's reads of shared fragments and tag versions, read ahead in one round trip
(with its session's, when the sessions' cache allows: companions, below).

An uncached page read its shared parts one by one (the sites, the restricted pages, the
contact settings, the menu, the page's and the footer's shared fragments): an MGET each,
about 0.1 ms of Redis and as much of redis-py apiece. Each process remembers, per host and
path, the keys the last successful GET of that path read through `get_many` (the entries of
core.cache_tags.fragment and core.shared_fragments and their tag versions); the request
memo middleware (core.request_memo) reads them all in one MGET when a GET or HEAD request
starts, and the readers take their answers from that snapshot, asking the cache only for
keys it does not hold (a page that reads something new: the next request reads it ahead).

Why a snapshot is as good as reading later:
- MGET is atomic: the snapshot is the cache as it was at one instant, a few milliseconds
  before the readers would have read it. Another process's write after that instant is
  missed as it would be by a reader that read just before it; nothing older is served.
- An entry is served only when the versions it recorded are those read (core.cache_tags
  .still_valid). A tag's version is a new random number at each bump and is never given
  again, so an entry read in the snapshot and a version read later from the cache that
  match were matching at the snapshot's instant too: mixing the two never makes a stale
  entry fresh. Versions read earlier make an entry computed now stale sooner, never later.
- What this request writes itself (a fragment stored, a tag version made, any `bump`)
  drops the snapshot for the rest of the request (`changed()`): nothing read before a
  change of its own is used after it.

Bounded: at most MAX_PATHS remembered paths per process (emptied when full, as
core.page_cache_keys does), MAX_KEYS keys a path; only answers 200 are remembered, so
made-up paths (404) do not churn them. A cache that fails or answers nothing is no
read-ahead: the readers ask it themselves, as before. The plans' keys are shared
fragments' names and digests, the same for every reader; nothing of the visitor is kept.

Companions (`read_with`): an app may name, for each request, keys of another cache alias
it is about to read itself (accounts.session_store: the visitor's session and their user's
snapshot). When that alias reads the same keys on the same server as the fragments' cache
(production's default: one Redis, one key prefix), they are read in the same MGET and
answered from it, once each, by `get_many` on that alias: one round trip for the request
instead of two. They are the visitor's: never put in a path's plan. The snapshot's
argument holds for them too: read a moment earlier, by one atomic MGET, each used once, and
dropped when the request writes to the cache (`changed()`: a fragment, a version, a bump,
and the companions' own writes: a session saved or deleted, a user's snapshot made stale).
"""

import logging
from contextvars import ContextVar

logger = logging.getLogger(__name__)

MAX_PATHS = 2_000
MAX_KEYS = 64

# (host, path) -> the keys its last request read, in the order first read.
_plans: dict[tuple[str, str], tuple[str, ...]] = {}
_ABSENT = object()
# Functions REQUEST -> (cache, keys) or None: `read_with`.
_companions: list = []


class _Reads:
    __slots__ = ("asked", "companions", "snapshot", "store")

    def __init__(self, store, snapshot, companions):
        self.store = store
        # key -> value (_ABSENT: read, not in the cache), or None once dropped.
        self.snapshot = snapshot
        # The same for the companions' keys (never remembered in a plan).
        self.companions = companions
        self.asked: dict[str, None] = {}  # an ordered set


_current: ContextVar[_Reads | None] = ContextVar("core_cache_reads", default=None)


def _where(request) -> tuple[str, str] | None:
    if getattr(request, "method", None) not in ("GET", "HEAD"):
        return None
    try:
        return (request.get_host(), request.path)
    except Exception:  # a host not allowed: Django answers 400 further down
        return None


def read_with(keys_of) -> None:
    """Register KEYS_OF(request) -> (cache, keys) or None: keys of CACHE (a cache object of
    the running thread, as `caches[alias]` gives it) that the request is about to read, to
    be read in the read-ahead's MGET when CACHE reads the same keys on the same server as
    the fragments' cache (`_same_keys`); answered once each by `get_many` on CACHE."""
    if keys_of not in _companions:
        _companions.append(keys_of)


def _same_keys(store, other) -> bool:
    """Whether OTHER, another alias, reads the same keys as STORE from the same server and
    answers alike when it cannot, so that a read of one answers for the other: the same
    Redis (core.cache's server key, with the same options), the same full key for every
    name (key function, prefix, version) and the same outage handling (only an alias
    answering "miss" deletes the keys of writes lost in an outage before it reads)."""
    server = getattr(store, "server_key", None)
    return (
        server is not None
        and type(other) is type(store)
        and other.server_key == server
        and other._options == store._options
        and other.key_func is store.key_func
        and other.key_prefix == store.key_prefix
        and other.version == store.version
        and other.repairs_lost_writes == store.repairs_lost_writes
    )


def _companion_keys(store, request, plan) -> list[str]:
    """The keys the companions name for REQUEST that STORE can read for them. Not those of
    STORE itself: its readers' keys go in the path's plan, where a visitor's must not."""
    keys = []
    for keys_of in _companions:
        try:
            asked = keys_of(request)
        except Exception:
            logger.warning("cache reads: companion keys unknown", exc_info=True)
            continue
        if asked is not None and asked[0] is not store and _same_keys(store, asked[0]):
            keys += [key for key in asked[1] if key not in plan and key not in keys]
    return keys


def begin(store, request):
    """Read ahead what the last request of REQUEST's path read from STORE, with the
    companions' keys (`read_with`); a token for end()."""
    where = _where(request)
    if where is None:
        return None
    snapshot = companions = None
    plan = _plans.get(where, ())
    companion_keys = _companion_keys(store, request, plan)
    if plan or companion_keys:
        try:
            found = store.get_many([*plan, *companion_keys])
        except Exception:
            logger.warning("cache reads: read-ahead failed", exc_info=True)
            found = {}
        if found:  # nothing at all: an outage answering "miss"; let the readers ask
            if plan:
                snapshot = {key: found.get(key, _ABSENT) for key in plan}
            companions = {key: found.get(key, _ABSENT) for key in companion_keys}
    return _current.set(_Reads(store, snapshot, companions))


def end(token, request, response) -> None:
    """Remember what this request read, for the next one of its path; close its reads."""
    if token is None:
        return
    reads = _current.get()
    _current.reset(token)
    if reads is None or getattr(response, "status_code", None) != 200 or not reads.asked:
        return
    where = _where(request)
    if where is None:
        return
    plan = tuple(reads.asked)[:MAX_KEYS]
    if _plans.get(where) != plan:
        if len(_plans) >= MAX_PATHS:
            _plans.clear()
        _plans[where] = plan


def get_many(store, keys, visitors=False) -> dict:
    """STORE.get_many(KEYS), answered from the request's snapshot for the keys it holds
    (the plan's for the fragments' cache, the companions' for another alias). VISITORS:
    the keys are the visitor's own (a companion's), never put in the path's plan, even
    where STORE is the fragments' cache itself."""
    reads = _current.get()
    if reads is None:
        return store.get_many(keys)
    if visitors or reads.store is not store:
        if reads.companions and _same_keys(reads.store, store):
            return _answered(reads.companions, store, keys, for_one_reader=True)
        return store.get_many(keys)
    asked = reads.asked
    for key in keys:
        asked[key] = None
    if reads.snapshot is None:
        return store.get_many(keys)
    return _answered(reads.snapshot, store, keys, for_one_reader=False)


def _answered(held: dict, store, keys, for_one_reader: bool) -> dict:
    """STORE.get_many(KEYS), answered from HELD (key -> value read ahead, _ABSENT: read, not
    in the cache) for the keys it holds, the cache asked for the rest. An entry is handed
    out once, as a read of the cache gives each reader its own copy: a reader that changes
    what it got changes nobody else's. The plan's tag versions (integers, which cannot be
    changed) and absences are kept for every part that reads them; what was read for one
    reader (FOR_ONE_READER: the companions' keys) is handed out once, absences too."""
    found = {}
    rest = []
    for key in keys:
        value = held.get(key)
        if value is None:
            rest.append(key)
            continue
        if value is not _ABSENT:
            found[key] = value
        if for_one_reader or (value is not _ABSENT and type(value) is not int):
            del held[key]
    if rest:
        found.update(store.get_many(rest))
    return found


def changed() -> None:
    """This request wrote to the cache (a fragment, a version, a bump, a session, a user's
    snapshot made stale): read afresh from now."""
    reads = _current.get()
    if reads is not None:
        reads.snapshot = None
        reads.companions = None
