import pytest
from redis.asyncio import Redis

from gamification.throttle import RedisFailureCounter

pytestmark = pytest.mark.redis


async def test_failures_are_shared_through_redis_and_expire(redis_url):
    async with Redis.from_url(redis_url, decode_responses=True) as redis:
        await redis.flushdb()
        one, two = RedisFailureCounter(redis), RedisFailureCounter(redis)  # two API processes
        await one.add("login:account:x", window_seconds=60)
        await two.add("login:account:x", window_seconds=60)
        failures, ttl = await one.count("login:account:x")
        assert failures == 2 and 0 < ttl <= 60
        await two.clear("login:account:x")
        assert await one.count("login:account:x") == (0, 0)


async def test_an_unreachable_redis_fails_open():
    async with Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2) as dead:
        counter = RedisFailureCounter(dead)
        await counter.add("k", 60)
        assert await counter.count("k") == (0, 0)
