"""core.cache.RedisCache: Django's Redis backend, with one redis-py client per pool."""

import uuid

import pytest

from core.cache import RedisCache
from tests.core.test_page_cache_processes import REDIS_URL, redis_answers

pytestmark = pytest.mark.skipif(not redis_answers(), reason=f"Redis does not answer at {REDIS_URL}")


@pytest.fixture
def redis_cache():
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield cache
    cache.delete_many(["page", "counter", "other"])


def test_it_stores_reads_and_deletes_like_djangos_backend(redis_cache):
    assert redis_cache.get("page") is None
    redis_cache.set("page", {"content": b"<html>", "headers": {"ETag": '"a"'}}, 60)
    assert redis_cache.get("page") == {"content": b"<html>", "headers": {"ETag": '"a"'}}
    assert redis_cache.add("page", "other", 60) is False
    assert redis_cache.add("other", 1, 60) is True
    assert redis_cache.incr("other") == 2
    redis_cache.delete("page")
    assert redis_cache.get("page", "gone") == "gone"


def test_every_operation_shares_one_client_per_pool(redis_cache):
    client = redis_cache._cache.get_client("page")

    assert redis_cache._cache.get_client("other", write=True) is client
    redis_cache.set("counter", 1, 60)
    assert redis_cache._cache.get_client("counter") is client
