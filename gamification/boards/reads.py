"""Which store answers a board: Redis while it is healthy and complete, SQL otherwise. The one read
path, so every reader falls back the same way when Redis fails mid-question."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import TypeVar

from domain.leaderboards import Period, window_at
from gamification.boards.rebuild import BoardRebuild
from gamification.boards.redis_state import REDIS_DOWN, RedisState
from gamification.boards.store import Board, BoardStore

T = TypeVar("T")


class BoardReads:
    def __init__(self, state: RedisState, rebuild: BoardRebuild) -> None:
        self._state = state
        self._rebuild = rebuild

    async def store_for(self, board: Board, now: dt.datetime) -> BoardStore:
        """Redis for a current board while Redis is healthy and complete; SQL otherwise."""
        state = self._state
        if state.redis_boards is None or not _is_current(board, now):
            return state.sql_boards
        if state.dirty or not await state.ready():
            self._rebuild.start()
            return state.sql_boards
        return state.redis_boards

    async def read(self, board: Board, question: Callable[[BoardStore], Awaitable[T]]) -> T:
        """``question`` asked of the store that should answer; of SQL when Redis fails meanwhile."""
        store = await self.store_for(board, dt.datetime.now(dt.timezone.utc))
        try:
            return await question(store)
        except REDIS_DOWN as error:
            self._state.read_failed(error)
            return await question(self._state.sql_boards)


def _is_current(board: Board, now: dt.datetime) -> bool:
    return board.period is Period.ALL or window_at(board.period, board.window.timezone, now) == board.window
