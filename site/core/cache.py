"""Django's Redis cache, reusing its client, and never the cause of a failed request.

Reuse: Django's RedisCacheClient.get_client() builds a new redis.Redis for each get or set;
its constructor fills a table of response callbacks. Reusing one took a cached page from
0.42 to 0.34 ms (measured in process on a two-core machine). A redis.Redis over a
connection pool is safe to share between threads, so one per pool is kept and reused.

Outages: every access to a Redis cache of the portal goes through ResilientRedisCache.
When Redis cannot be reached (stopped, restarting, out of memory, a network cut), the
call is answered by the alias's fallback instead of raising, and for CACHE_RETRY_SECONDS
this process does not try Redis again (a request never waits for a dead server twice),
then tries once more and goes back to Redis when it answers. Two fallbacks, chosen per
alias with the `OUTAGE` key of its CACHES entry:

- "miss" (the page cache, Wagtail's and Django's caches): a read is a miss, a write is
  ignored. Pages are rendered uncached; nothing stale can be served from a local copy
  that other processes' invalidations would not reach. A Redis that was only cut off
  still holds values that lost writes should have replaced (the page cache's generation,
  bumped by a publication during the outage): the keys of lost writes are deleted when
  Redis answers again, so no reader gets a value older than a write it missed.
- "local" (the counters of rate limits and failed logins): the same operations on a
  memory cache of this process, so a limit keeps limiting during the outage (per
  process: with N processes a client may get up to N times the attempts). Counts made
  during the outage are forgotten when Redis answers again.
"""

import logging
import threading
import time

from django.core.cache.backends.base import default_key_func
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from redis.exceptions import RedisError

logger = logging.getLogger("core.cache")

# Errors that mean "Redis cannot serve this now". redis-py wraps socket errors in its own
# ConnectionError and TimeoutError; OSError covers what slips through (DNS, a closed socket).
UNAVAILABLE = (RedisError, OSError)
DEFAULT_RETRY_SECONDS = 5.0
# Lost writes remembered per process and server (their keys, about 100 bytes each).
MAX_LOST_KEYS = 50_000
WRITES = frozenset({"set", "set_many", "add", "delete", "delete_many", "incr", "touch"})


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients_by_pool = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients_by_pool.get(pool)
        if client is None:
            client = self._clients_by_pool[pool] = self._client(connection_pool=pool)
        return client


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def validate_key(self, key):
        """No check: Django's only warns of keys memcached would refuse (length, spaces),
        which Redis takes, and the check walked every key of every call (a page-cache hit
        reads about a dozen: 5% of its CPU time in process)."""

    def get_many(self, keys, version=None):
        """Django's get_many, with the full keys made by one prefix when the key function
        is Django's default (a page-cache hit reads about a dozen keys in one MGET: two
        calls a key through make_and_validate_key and the key function, and two dicts
        mapping them back, were a tenth of its CPU time)."""
        if self.key_func is not default_key_func:
            return super().get_many(keys, version=version)
        prefix = f"{self.key_prefix}:{self.version if version is None else version}:"
        names = list(keys)
        if not names:
            return {}
        values = self._cache.get_client(None).mget([prefix + name for name in names])
        loads = self._cache._serializer.loads
        return {
            name: loads(value)
            for name, value in zip(names, values, strict=True)
            if value is not None
        }


class _Outages:
    """Per process and Redis server: until when not to try it again. Django makes one cache
    object per thread, so this state lives here, shared by all of them."""

    def __init__(self):
        self._lock = threading.Lock()
        self._down_until: dict[str, float] = {}
        self._lost: dict[str, set[str]] = {}

    def is_down(self, server: str) -> bool:
        until = self._down_until.get(server)
        return until is not None and time.monotonic() < until

    def begin(self, server: str, retry_seconds: float, error: Exception) -> None:
        with self._lock:
            first = server not in self._down_until
            self._down_until[server] = time.monotonic() + retry_seconds
        if first:
            # Once per outage and process: the operator must know, the visitor must not.
            logger.error("Cache server unreachable, serving without it: %r", error)

    def lose(self, server: str, keys: list[str]) -> None:
        """Remember the (full) keys of writes that did not reach SERVER."""
        with self._lock:
            lost = self._lost.setdefault(server, set())
            if len(lost) + len(keys) > MAX_LOST_KEYS:
                logger.error("Too many lost cache writes to repair; entries may be stale")
                return
            lost.update(keys)

    def take_lost(self, server: str) -> list[str]:
        """The keys of writes lost on SERVER, handed once to the caller that repairs them."""
        if server not in self._lost:
            return []
        with self._lock:
            return sorted(self._lost.pop(server, ()))

    def end(self, server: str) -> None:
        if server in self._down_until:
            with self._lock:
                ended = self._down_until.pop(server, None) is not None
            if ended:
                logger.warning("Cache server answers again")


outages = _Outages()


def _fallback_for(kind: str, server: str, params: dict):
    own = {key: params[key] for key in ("KEY_PREFIX", "VERSION", "TIMEOUT") if key in params}
    if kind == "local":
        return LocMemCache(f"outage-fallback:{server}", own)
    if kind == "miss":
        return DummyCache(server, own)
    raise ValueError(f"Unknown OUTAGE fallback {kind!r} (use 'miss' or 'local').")


class ResilientRedisCache(ReusingRedisCache):
    """A Redis cache whose unreachable server is a fallback's answer, never an exception.

    CACHES entry keys beyond Django's: OUTAGE ("miss", the default, or "local") and
    RETRY_SECONDS (how long a process leaves Redis alone after a failure; default 5).
    """

    def __init__(self, server, params):
        params = dict(params)
        kind = params.pop("OUTAGE", "miss")
        self.retry_seconds = float(params.pop("RETRY_SECONDS", DEFAULT_RETRY_SECONDS))
        super().__init__(server, params)
        self.server_key = str(server)
        self.fallback = _fallback_for(kind, self.server_key, params)
        # Only a cache that answers "miss" repairs lost writes: the counters' fallback
        # holds the counts, and deleting a count in Redis would lift a lock.
        self.repairs_lost_writes = kind == "miss"

    def _call(self, name: str, *args, **kwargs):
        if outages.is_down(self.server_key):
            return self._fall_back(name, args, kwargs)
        lost = outages.take_lost(self.server_key) if self.repairs_lost_writes else []
        try:
            if lost:  # before anything is read: no reader gets a value a lost write replaced
                self._cache.delete_many(lost)
                lost = []
            result = getattr(super(), name)(*args, **kwargs)
        except UNAVAILABLE as error:
            outages.lose(self.server_key, lost)
            outages.begin(self.server_key, self.retry_seconds, error)
            return self._fall_back(name, args, kwargs)
        outages.end(self.server_key)
        return result

    def answers(self) -> bool:
        """Does Redis answer a PING right now? Past the fallback, for the health check."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except UNAVAILABLE:
            return False

    def _fall_back(self, name: str, args, kwargs):
        if self.repairs_lost_writes and name in WRITES:
            outages.lose(self.server_key, self._written_keys(name, args, kwargs))
        return getattr(self.fallback, name)(*args, **kwargs)

    def _written_keys(self, name: str, args, kwargs) -> list[str]:
        version = kwargs.get("version")
        if name in ("set_many", "delete_many"):
            keys = list(args[0] if args else kwargs.get("data", kwargs.get("keys", ())))
        else:
            keys = [args[0] if args else kwargs["key"]]
        return [self.make_and_validate_key(key, version=version) for key in keys]

    # Every public operation of Django's Redis backend. get_or_set, decr and the async
    # variants are built by BaseCache on these, so they are covered too.
    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self):
        return self._call("clear")
