"""What every job on the boards shares about Redis: whether it can be trusted, and who it missed.

A failed write marks the boards dirty: readers go to SQL and writes are held back until a rebuild
has copied SQL into Redis again (also when Redis restarted empty: the ready marker is gone).
"""

from __future__ import annotations

import logging
import time

from redis.exceptions import RedisError

from gamification.boards.redis_store import RedisBoards
from gamification.boards.sql_store import SqlBoards
from gamification.boards.store import Membership

log = logging.getLogger(__name__)
REDIS_DOWN = (RedisError, OSError)
READY_CACHE_SECONDS = 1.0  # a process trusts the ready marker this long between looks


class RedisState:
    def __init__(self, redis_boards: RedisBoards | None) -> None:
        self.redis_boards = redis_boards
        self.sql_boards = SqlBoards()
        self.dirty = False  # a write was lost: rebuild before Redis is read again
        # People whose standings did not reach Redis (held back while dirty, or failed), with the
        # membership Redis may still show them under; a rebuild writes whoever changed while it ran.
        self.missed: dict[int, Membership | None] = {}
        self._ready_seen_at = 0.0

    def remember(self, people: dict[int, Membership | None]) -> None:
        for person_id, moved_from in people.items():
            self.missed.setdefault(person_id, moved_from)

    def read_failed(self, error: Exception) -> None:
        log.warning("leaderboards: Redis read failed (%s); answering from SQL", error)
        self.dirty = True

    async def ready(self) -> bool:
        if time.monotonic() - self._ready_seen_at < READY_CACHE_SECONDS:
            return True
        try:
            ready = await self.redis_boards.is_ready()
        except REDIS_DOWN as error:
            self.read_failed(error)
            return False
        if ready:
            self._ready_seen_at = time.monotonic()
        return ready

    async def others_to_sql(self) -> None:
        """After a lost write, every process should stop trusting Redis: drop the ready marker if Redis
        lets us (it may have failed only for this one call); the next reader anywhere rebuilds."""
        try:
            await self.redis_boards.mark_ready(False)
        except REDIS_DOWN:
            pass  # down for everyone, then: the marker is checked again when it is back
