"""The shared Redis cache reuses one client per connection pool and still works as a cache."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

from django.core.cache.backends.redis import RedisCache

import pytest

from core.cache import ReusingRedisCache

REDIS_URL = "redis://127.0.0.1:6379/15"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def redis_cache():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    return ReusingRedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}"})


def test_one_client_serves_every_call(redis_cache):
    client = redis_cache._cache.get_client(write=True)
    assert redis_cache._cache.get_client() is client
    # Django's own backend builds a new one each time: what this module exists to avoid.
    stock = RedisCache(REDIS_URL, {})
    assert stock._cache.get_client() is not stock._cache.get_client()


def test_it_is_still_a_cache(redis_cache):
    redis_cache.set("page", (1, b"<html>"), timeout=30)
    assert redis_cache.get_many(["page", "missing"]) == {"page": (1, b"<html>")}
    assert redis_cache.add("page", "other") is False
    redis_cache.delete("page")
    assert redis_cache.get("page") is None


def test_the_settings_use_it_when_redis_is_configured():
    command = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    env = {**os.environ, "REDIS_URL": REDIS_URL, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", command],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    )
    assert result.stdout.strip() == "core.cache.ResilientRedisCache"
