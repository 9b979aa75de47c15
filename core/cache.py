"""Django's Redis cache backend, keeping one redis-py client per connection pool."""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class PooledRedisCacheClient(RedisCacheClient):
    """Django asks for a new `redis.Redis(connection_pool=…)` on every cache operation, and
    redis-py's constructor rebuilds its table of ~170 response callbacks each time
    (redis/redis-py#3624): measured, half of what a cached page costs to serve. A client is
    safe to share between threads (it takes a connection from the pool for each command), so
    one is made per pool and kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledRedisCacheClient
