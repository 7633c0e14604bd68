"""Counting events in a time window: in Redis when it is there, in process memory otherwise.

Sign-in failures and request rates are both counted here. A window that expires is what keeps
the real owner from being locked out for good: after a burst the key is refused for at most
one window.
"""

from __future__ import annotations

import logging
import time
from typing import Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


class WindowCounter(Protocol):
    async def count(self, key: str) -> tuple[int, int]:
        """Events so far and seconds until the window closes."""

    async def add(self, key: str, window_seconds: int) -> tuple[int, int]:
        """Count one more event; answers the count including it and the seconds left."""

    async def clear(self, key: str) -> None: ...

    async def take_back(self, key: str) -> None:
        """Uncount one event of the current window (never below zero)."""


class MemoryWindowCounter:
    def __init__(self, clock=time.monotonic) -> None:
        self._windows: dict[str, tuple[int, float]] = {}
        self._clock = clock

    async def count(self, key: str) -> tuple[int, int]:
        events, closes_at = self._windows.get(key, (0, 0.0))
        remaining = closes_at - self._clock()
        if remaining <= 0:
            self._windows.pop(key, None)
            return 0, 0
        return events, max(1, int(remaining + 0.999))

    async def add(self, key: str, window_seconds: int) -> tuple[int, int]:
        events, _ = await self.count(key)
        closes_at = self._windows.get(key, (0, self._clock() + window_seconds))[1]
        self._windows[key] = (events + 1, closes_at)
        if len(self._windows) > 100_000:  # a flood of distinct keys must not grow memory forever
            self._drop_closed()
        return await self.count(key)

    async def clear(self, key: str) -> None:
        self._windows.pop(key, None)

    async def take_back(self, key: str) -> None:
        events, closes_at = self._windows.get(key, (0, 0.0))
        if events > 0:
            self._windows[key] = (events - 1, closes_at)

    def _drop_closed(self) -> None:
        now = self._clock()
        self._windows = {k: v for k, v in self._windows.items() if v[1] > now}


class RedisWindowCounter:
    """Shared by every API process. While Redis is unreachable each process counts on its own
    (and logs it): limits then hold per process instead of not at all."""

    def __init__(self, redis: Redis, prefix: str = "tangkas:window:") -> None:
        self._redis = redis
        self._prefix = prefix
        self._local = MemoryWindowCounter()
        # never below zero, and never a key without its expiry (DECR alone would make one)
        self._take_back = redis.register_script(
            "if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then return redis.call('DECR', KEYS[1]) end return 0"
        )

    async def count(self, key: str) -> tuple[int, int]:
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                events, ttl = await pipe.get(self._prefix + key).ttl(self._prefix + key).execute()
        except RedisError:
            log.warning("window counter unavailable (Redis); counting in this process")
            return await self._local.count(key)
        return int(events or 0), max(int(ttl), 0)

    async def add(self, key: str, window_seconds: int) -> tuple[int, int]:
        name = self._prefix + key
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                events, _, ttl = await pipe.incr(name).expire(name, window_seconds, nx=True).ttl(name).execute()
        except RedisError:
            log.warning("window counter unavailable (Redis); counting in this process")
            return await self._local.add(key, window_seconds)
        return int(events), max(int(ttl), 1)

    async def clear(self, key: str) -> None:
        await self._local.clear(key)
        try:
            await self._redis.delete(self._prefix + key)
        except RedisError:
            log.warning("window counter unavailable (Redis); not cleared")

    async def take_back(self, key: str) -> None:
        await self._local.take_back(key)
        try:
            await self._take_back(keys=[self._prefix + key])
        except RedisError:
            log.warning("window counter unavailable (Redis); not taken back")
