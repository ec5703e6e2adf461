"""The worker's tests queue tasks in the database (the suite's default runs them at once);
the cache-outage tests run a Redis of their own."""

import os
import uuid

from django.core.cache import caches

import pytest

from core import cache as resilient
from core.task_worker import Worker
from tests.private_redis import PrivateRedis, redis_server_available

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def live_redis_default_cache(settings, url: str, name: str):
    """For a fixture (`yield from`): the default cache on the machine's Redis at URL, under
    a key prefix of its own starting with NAME, its keys deleted afterwards; the test is
    skipped without a Redis server."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    prefix = f"{name}-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        },
    }
    yield caches["default"]
    client = redis.Redis.from_url(url)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def database_tasks(settings):
    """Tasks are queued in the database, as in production, and wait for a worker."""
    settings.TASKS = DATABASE_TASKS
    settings.TASK_RETRY_DELAY_SECONDS = 0


@pytest.fixture
def run_worker(database_tasks):
    """Runs a real worker (core.task_worker) in this process until nothing is due."""

    def run(worker_id: str = "test-worker") -> None:
        Worker(
            queue_names=["default"],
            excluded_queue_names=[],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
        ).run()

    return run


RETRY_SECONDS = 0.2


@pytest.fixture
def redis_server():
    if not redis_server_available():
        message = "redis-server is not installed (/usr/bin/redis-server): apt-get install redis"
        if os.environ.get("REQUIRE_REDIS_SERVER"):  # CI: never skipped there
            pytest.fail(message)
        pytest.skip(message)
    server = PrivateRedis()
    server.start()
    yield server
    server.cleanup()
    resilient.outages.end(server.url)


@pytest.fixture
def redis_caches(settings, redis_server):
    """The cache aliases on the private Redis, as base settings build them with REDIS_URL."""

    def alias(outage):
        return {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": f"t{uuid.uuid4().hex[:6]}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
            "OUTAGE": outage,
            "RETRY_SECONDS": RETRY_SECONDS,
        }

    settings.CACHES = {
        "default": alias("miss"),
        "counters": alias("local"),
        "sessions": alias("miss"),
    }
    settings.PAGE_CACHE_SECONDS = 60
    yield redis_server
    caches["counters"].fallback.clear()
