"""Request budgets per person and per address for the routes worth abusing.

A fixed window per key: simple to reason about, shared through Redis by every API process.
An office behind one NAT address shares the per-address budget, so those are generous; the
per-person budgets are far above what a phone does by hand and far below a script.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import TooManyRequests
from gamification.limits.window_counter import WindowCounter


@dataclass(frozen=True, slots=True)
class RateLimit:
    per_person: int | None
    per_address: int | None
    window_seconds: int = 60

    @classmethod
    def parse(cls, text: str) -> RateLimit:
        """``"30,600,60"``: per person, per address (``-`` for none), window in seconds."""
        parts = [part.strip() for part in text.split(",")]
        if len(parts) != 3:
            raise ValueError(f"rate limit {text!r}: expected per_person,per_address,window_seconds")
        person, address, window = parts
        return cls(None if person == "-" else int(person), None if address == "-" else int(address), int(window))


DEFAULT_RATE_LIMITS: dict[str, RateLimit] = {
    "login": RateLimit(per_person=None, per_address=120),  # failures per account are counted apart
    "refresh": RateLimit(per_person=None, per_address=300),
    "attempt": RateLimit(per_person=30, per_address=1200),
    "sync": RateLimit(per_person=10, per_address=600),
    "redemption": RateLimit(per_person=10, per_address=300),
    "display": RateLimit(per_person=None, per_address=600),  # an office of TVs polling when streams fail
    "export": RateLimit(per_person=3, per_address=60, window_seconds=3600),
}


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
