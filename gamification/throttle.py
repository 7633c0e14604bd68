"""Counting failures in a time window: in Redis when it is there, in process memory otherwise.

A window that expires is what keeps the real owner from being locked out for good: after a
burst of wrong passwords the account is refused for at most one window.
"""

from __future__ import annotations

import logging
import time
from typing import Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


class FailureCounter(Protocol):
    async def count(self, key: str) -> tuple[int, int]:
        """Failures so far and seconds until the window closes."""

    async def add(self, key: str, window_seconds: int) -> None: ...

    async def clear(self, key: str) -> None: ...


class MemoryFailureCounter:
    def __init__(self, clock=time.monotonic) -> None:
        self._windows: dict[str, tuple[int, float]] = {}
        self._clock = clock

    async def count(self, key: str) -> tuple[int, int]:
        failures, closes_at = self._windows.get(key, (0, 0.0))
        remaining = closes_at - self._clock()
        if remaining <= 0:
            self._windows.pop(key, None)
            return 0, 0
        return failures, max(1, int(remaining + 0.999))

    async def add(self, key: str, window_seconds: int) -> None:
        failures, _ = await self.count(key)
        closes_at = self._windows.get(key, (0, self._clock() + window_seconds))[1]
        self._windows[key] = (failures + 1, closes_at)
        if len(self._windows) > 100_000:  # a flood of distinct keys must not grow memory forever
            self._drop_closed()

    async def clear(self, key: str) -> None:
        self._windows.pop(key, None)

    def _drop_closed(self) -> None:
        now = self._clock()
        self._windows = {k: v for k, v in self._windows.items() if v[1] > now}


class RedisFailureCounter:
    """Shared by every API process. Fails open (and logs) when Redis is unreachable."""

    def __init__(self, redis: Redis, prefix: str = "tangkas:failures:") -> None:
        self._redis = redis
        self._prefix = prefix

    async def count(self, key: str) -> tuple[int, int]:
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                failures, ttl = await pipe.get(self._prefix + key).ttl(self._prefix + key).execute()
        except RedisError:
            log.warning("failure counter unavailable (Redis); not throttling")
            return 0, 0
        return int(failures or 0), max(int(ttl), 0)

    async def add(self, key: str, window_seconds: int) -> None:
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                await pipe.incr(self._prefix + key).expire(self._prefix + key, window_seconds, nx=True).execute()
        except RedisError:
            log.warning("failure counter unavailable (Redis); failure not counted")

    async def clear(self, key: str) -> None:
        try:
            await self._redis.delete(self._prefix + key)
        except RedisError:
            log.warning("failure counter unavailable (Redis); not cleared")
