"""Request budgets per person and per address for the routes worth abusing.

A fixed window per key: simple to reason about, shared through Redis by every API process.
An office behind one NAT address shares the per-address budget, so those are generous; the
per-person budgets are far above what a phone does by hand and far below a script.
"""

from __future__ import annotations

from domain.errors import TooManyRequests
from domain.limits import RateLimit
from gamification.limits.window_counter import WindowCounter


class RateLimiter:
    def __init__(self, counter: WindowCounter, limits: dict[str, RateLimit]) -> None:
        self._counter = counter
        self._limits = limits

    async def spend(self, action: str, person_id: int | None, address: str) -> None:
        """Count one request; over budget raises ``rate_limited`` with the seconds to wait."""
        limit = self._limits.get(action)
        if limit is None:
            return
        keys = []
        if limit.per_person is not None and person_id is not None:
            keys.append((f"rate:{action}:person:{person_id}", limit.per_person))
        if limit.per_address is not None:
            keys.append((f"rate:{action}:address:{address}", limit.per_address))
        for key, allowed in keys:
            used, seconds_left = await self._counter.add(key, limit.window_seconds)
            if used > allowed:
                raise TooManyRequests("rate_limited", retry_after=seconds_left)
