"""Open live streams counted per display and per address, so nobody holds hundreds of them open.

A stream holds a slot on a lease that its heartbeat renews; a process that dies without giving its
slots back loses them when the lease runs out, so a crash never locks a TV out for longer than that.
With Redis the slots are shared by every API process; while Redis is unreachable (or without it)
each process counts its own.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from redis.asyncio import Redis
from redis.exceptions import RedisError

from domain.errors import TooManyRequests
from domain.limits import StreamLimits

log = logging.getLogger(__name__)

LEASE_SECONDS = 45  # three heartbeats of a display stream
RETRY_AFTER_SECONDS = 30  # the page polls meanwhile


@dataclass(frozen=True, slots=True)
class Slot:
    ticket: str
    keys: tuple[str, ...]


@runtime_checkable
class StreamSlots(Protocol):
    async def take(self, display_id: int, address: str) -> Slot:
        """A slot for one more stream; ``display_streams_exhausted`` (429) when a count is full."""

    async def renew(self, slot: Slot) -> None:
        """Extend the lease: the stream is still open."""

    async def give_back(self, slot: Slot) -> None: ...


def _keys(display_id: int, address: str) -> tuple[str, str]:
    return f"display:{display_id}", f"address:{address}"


class MemoryStreamSlots:
    def __init__(self, limits: StreamLimits | None, clock=time.monotonic) -> None:
        self._limits = limits
        self._clock = clock
        self._leases: dict[str, dict[str, float]] = {}

    async def take(self, display_id: int, address: str) -> Slot:
        keys = _keys(display_id, address)
        slot = Slot(secrets.token_hex(8), keys)
        if self._limits is None:
            return slot
        now = self._clock()
        for key, allowed in zip(keys, (self._limits.per_display, self._limits.per_address), strict=True):
            held = self._leases.get(key, {})
            if sum(1 for until in held.values() if until > now) >= allowed:
                raise TooManyRequests("display_streams_exhausted", retry_after=RETRY_AFTER_SECONDS)
        for key in keys:
            held = {ticket: until for ticket, until in self._leases.get(key, {}).items() if until > now}
            held[slot.ticket] = now + LEASE_SECONDS
            self._leases[key] = held
        return slot

    async def renew(self, slot: Slot) -> None:
        until = self._clock() + LEASE_SECONDS
        for key in slot.keys:
            if slot.ticket in self._leases.get(key, {}):
                self._leases[key][slot.ticket] = until

    async def give_back(self, slot: Slot) -> None:
        for key in slot.keys:
            held = self._leases.get(key, {})
            held.pop(slot.ticket, None)
            if not held:
                self._leases.pop(key, None)


# KEYS: the slot sets (one hash tag: one Cluster slot); ARGV: ticket, lease seconds, then each key's limit.
# Scored by the lease's end on Redis's own clock, so API hosts with skewed clocks agree.
TAKE = """
local now = redis.call('TIME')
local t = tonumber(now[1]) + tonumber(now[2]) / 1000000
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', t)
  if redis.call('ZCARD', key) >= tonumber(ARGV[2 + i]) then
    return 0
  end
end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, t + tonumber(ARGV[2]), ARGV[1])
  redis.call('EXPIRE', key, math.ceil(tonumber(ARGV[2])) + 1)
end
return 1
"""
# KEYS: slot sets (one hash tag); ARGV: lease seconds, then the ticket held in each key, in the same order.
RENEW = """
local now = redis.call('TIME')
local t = tonumber(now[1]) + tonumber(now[2]) / 1000000
local lease = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, 'XX', t + lease, ARGV[i + 1])
  redis.call('EXPIRE', key, math.ceil(lease) + 1)
end
return 1
"""
RENEW_DELAY_SECONDS = 1.0  # the heartbeats of one second are renewed together
RENEW_BATCH = 250  # slots per script call


class RedisStreamSlots:
    def __init__(self, redis: Redis, limits: StreamLimits | None, prefix: str = "tangkas:{streams}:") -> None:
        self._redis = redis
        self._limits = limits
        self._prefix = prefix
        self._local = MemoryStreamSlots(limits)
        self._take = redis.register_script(TAKE)
        self._renew = redis.register_script(RENEW)
        self._due: dict[str, Slot] = {}  # by ticket: slots whose streams sent a heartbeat, renewed together
        self._renewing: asyncio.Task | None = None

    async def take(self, display_id: int, address: str) -> Slot:
        if self._limits is None:
            return await self._local.take(display_id, address)
        slot = Slot(secrets.token_hex(8), tuple(self._prefix + key for key in _keys(display_id, address)))
        try:
            taken = await self._take(
                keys=list(slot.keys),
                args=[slot.ticket, LEASE_SECONDS, self._limits.per_display, self._limits.per_address],
            )
        except RedisError as error:
            log.warning("stream slots unavailable (Redis: %s); counting in this process", error)
            return await self._local.take(display_id, address)
        if not taken:
            raise TooManyRequests("display_streams_exhausted", retry_after=RETRY_AFTER_SECONDS)
        return slot

    async def renew(self, slot: Slot) -> None:
        """Within a second, together with every other stream's of this process: thousands of open
        streams make a few script calls a second, not one each."""
        if not slot.keys[0].startswith(self._prefix):
            return await self._local.renew(slot)
        self._due[slot.ticket] = slot
        if self._renewing is None or self._renewing.done():
            self._renewing = asyncio.create_task(self._renew_due())

    async def _renew_due(self) -> None:
        while self._due:
            await asyncio.sleep(RENEW_DELAY_SECONDS)
            slots, self._due = list(self._due.values()), {}
            for start in range(0, len(slots), RENEW_BATCH):
                chunk = slots[start : start + RENEW_BATCH]
                tickets = [slot.ticket for slot in chunk for _ in slot.keys]
                try:
                    await self._renew(keys=[key for slot in chunk for key in slot.keys], args=[LEASE_SECONDS, *tickets])
                except RedisError:
                    pass  # the leases run out and the streams' slots with them: the cap errs towards letting TVs in

    async def give_back(self, slot: Slot) -> None:
        if not slot.keys[0].startswith(self._prefix):
            return await self._local.give_back(slot)
        self._due.pop(slot.ticket, None)
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                for key in slot.keys:
                    pipe.zrem(key, slot.ticket)
                await pipe.execute()
        except RedisError:
            pass  # its lease runs out
