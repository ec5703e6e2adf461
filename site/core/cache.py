"""Django's Redis cache, without a new client object for every call.

Django's RedisCacheClient.get_client() builds a new redis.Redis for each get or set; its
constructor fills a table of response callbacks. Reusing one took a cached page from 0.42
to 0.34 ms (measured in process on a two-core machine). A redis.Redis over a connection
pool is safe to share between threads, so one per pool is kept and reused.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


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
