"""The recalculation's check that Redis holds what the ledger says, and a rebuild when it does not."""

from __future__ import annotations

import datetime as dt
import logging

from gamification.boards.rebuild import BoardRebuild, current_keys
from gamification.boards.redis_state import REDIS_DOWN, RedisState
from gamification.boards.redis_store import keys
from gamification.boards.standings import region_and_national_boards, standings
from gamification.boards.store import Board, by_board

log = logging.getLogger(__name__)
CHECKED_BOARDS_TOP = 10
LOWEST_XP = -(2**31)  # below any total (an int4 column): "more XP than this" counts everyone


class BoardConsistency:
    def __init__(self, state: RedisState, rebuild: BoardRebuild) -> None:
        self._state = state
        self._rebuild = rebuild

    async def check(self, thorough: bool = False) -> dict:
        """Compare the Redis boards with SQL and rebuild on any difference.

        The quick check compares the size and the top of every current region and national
        board; ``thorough`` compares every current board entry by entry, and looks for boards
        Redis holds that SQL does not.
        """
        state = self._state
        if state.redis_boards is None:
            return {"boards_checked": 0, "rebuilt": False}
        try:
            if state.dirty or not await state.redis_boards.is_ready():
                return {"boards_checked": 0, "rebuilt": await self._rebuild.rebuild() is not None}
            if thorough:
                _, updates = await standings(person_ids=None)
                expected = {
                    board: sorted(standing for standing, _ in rows) for board, rows in by_board(updates).items()
                }
                differs = [board for board in expected if await state.redis_boards.all(board) != expected[board]]
                checked = len(expected)
                stray = not differs and not await self._no_stray_boards(list(expected))
            else:
                boards = await region_and_national_boards(dt.datetime.now(dt.timezone.utc))
                differs = [board for board in boards if not await self._top_agrees(board)]
                checked, stray = len(boards), False
            if differs:
                log.warning("leaderboards: board %s differs from the ledger; rebuilding", differs[0].tag)
            elif stray:
                log.warning("leaderboards: Redis holds a board the ledger does not; rebuilding")
            if differs or stray:
                return {"boards_checked": checked, "rebuilt": await self._rebuild.rebuild() is not None}
            return {"boards_checked": checked, "rebuilt": False}
        except REDIS_DOWN as error:
            state.dirty = True
            log.warning("leaderboards: check skipped, Redis unavailable (%s)", error)
            return {"boards_checked": 0, "rebuilt": False}

    async def _top_agrees(self, board: Board) -> bool:
        redis_boards, sql_boards = self._state.redis_boards, self._state.sql_boards
        if await redis_boards.top(board, CHECKED_BOARDS_TOP) != await sql_boards.top(board, CHECKED_BOARDS_TOP):
            return False
        return await redis_boards.count_above(board, LOWEST_XP) == await sql_boards.count_above(board, LOWEST_XP)

    async def _no_stray_boards(self, boards: list[Board]) -> bool:
        """No current board in Redis that SQL does not have (say, the old unit of the only person who moved)."""
        expected = {keys(board)[0] for board in boards}
        return all(key in expected for key in await current_keys(self._state.redis_boards) if key.endswith(":z"))
