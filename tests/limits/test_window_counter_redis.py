import pytest
from redis.asyncio import Redis

from gamification.limits.window_counter import RedisWindowCounter

pytestmark = pytest.mark.redis


async def test_failures_are_shared_through_redis_and_expire(redis_url):
    async with Redis.from_url(redis_url, decode_responses=True) as redis:
        await redis.flushdb()
        one, two = RedisWindowCounter(redis), RedisWindowCounter(redis)  # two API processes
        await one.add("login:account:x", window_seconds=60)
        await two.add("login:account:x", window_seconds=60)
        failures, ttl = await one.count("login:account:x")
        assert failures == 2 and 0 < ttl <= 60
        assert (await one.add("login:account:x", window_seconds=60))[0] == 3
        await two.clear("login:account:x")
        assert await one.count("login:account:x") == (0, 0)


async def test_an_unreachable_redis_counts_in_this_process():
    async with Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2) as dead:
        counter = RedisWindowCounter(dead)
        await counter.add("k", 60)
        assert (await counter.add("k", 60))[0] == 2
        assert (await counter.count("k"))[0] == 2
        await counter.clear("k")
        assert await counter.count("k") == (0, 0)


async def test_an_event_taken_back_keeps_the_window_and_never_goes_below_zero(redis_url):
    async with Redis.from_url(redis_url, decode_responses=True) as redis:
        await redis.flushdb()
        counter = RedisWindowCounter(redis)
        await counter.add("login:address:a", window_seconds=60)
        await counter.add("login:address:a", window_seconds=60)
        await counter.take_back("login:address:a")
        events, ttl = await counter.count("login:address:a")
        assert events == 1 and 0 < ttl <= 60
        for _ in range(3):
            await counter.take_back("login:address:a")
        assert (await counter.count("login:address:a"))[0] == 0
        await counter.take_back("login:address:never")  # no key is made without its expiry
        assert not await redis.exists("tangkas:window:login:address:never")
