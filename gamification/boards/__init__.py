"""Leaderboards: two stores (Redis, SQL) behind one read path, the writes that follow the ledger,
rebuilds and consistency checks, period closes, and the office displays.

``Boards`` is the feature assembled; the composition root (``api/bootstrap.py``) builds it once.
"""

from __future__ import annotations

from dataclasses import dataclass

from redis.asyncio import Redis

from gamification.boards.consistency import BoardConsistency
from gamification.boards.displays import Displays
from gamification.boards.events import BoardEvents
from gamification.boards.leaderboards import Leaderboards
from gamification.boards.reads import BoardReads
from gamification.boards.rebuild import BoardRebuild
from gamification.boards.redis_state import RedisState
from gamification.boards.redis_store import RedisBoards
from gamification.boards.sql_store import SqlBoards
from gamification.boards.writes import BoardWrites

__all__ = ["Boards", "Displays", "Leaderboards", "build_boards"]


@dataclass(frozen=True)
class Boards:
    state: RedisState
    events: BoardEvents
    writes: BoardWrites
    reads: BoardReads
    rebuilder: BoardRebuild
    consistency: BoardConsistency

    @property
    def redis_boards(self) -> RedisBoards | None:
        return self.state.redis_boards

    @property
    def sql_boards(self) -> SqlBoards:
        return self.state.sql_boards

    async def store_in_use(self) -> str:
        """``redis`` or ``sql``: where board reads of current periods go now (metrics)."""
        state = self.state
        if state.redis_boards is None or state.dirty or not await state.ready():
            return "sql"
        return "redis"

    async def close(self) -> None:
        await self.rebuilder.close()
        await self.events.close()


def build_boards(redis: Redis | None) -> Boards:
    state = RedisState(RedisBoards(redis) if redis is not None else None)
    events = BoardEvents(redis)
    rebuilder = BoardRebuild(state)
    return Boards(
        state=state,
        events=events,
        writes=BoardWrites(state, rebuilder, events),
        reads=BoardReads(state, rebuilder),
        rebuilder=rebuilder,
        consistency=BoardConsistency(state, rebuilder),
    )
