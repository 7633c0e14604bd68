"""Copying every current board from SQL into Redis: after Redis was lost, restarted empty, or drifted."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from array import array

from domain.leaderboards import Period, current_starts
from gamification.boards.redis_state import REDIS_DOWN, RedisState
from gamification.boards.redis_store import PREFIX, RedisBoards
from gamification.boards.standings import standings, standings_in_chunks
from gamification.boards.store import Board, Membership, Updates
from gamification.points.national_periods import calendars_in_use

log = logging.getLogger(__name__)
REBUILD_LOCK = PREFIX + "rebuilding"
PEOPLE_PER_CHUNK = 2_000  # ~24 standings each: ~50,000 standings read and written at a time


async def write_person(
    redis_boards: RedisBoards, person_id: int, moved_from: Membership | None = None, updates: Updates | None = None
) -> None:
    """One person's current standings (read now unless given) into Redis, off the boards of a unit they left."""
    if updates is None:
        _, updates = await standings(person_ids=[person_id])
    if moved_from is not None:
        now = dt.datetime.now(dt.timezone.utc)
        on = {board for group in updates for board in group}
        left = {board for period in Period for board in moved_from.boards(period, now)} - on
        await redis_boards.remove([(board, person_id) for board in left])
    await redis_boards.write(updates)


class BoardRebuild:
    def __init__(self, state: RedisState) -> None:
        self._state = state
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        """In the background, once: the caller goes on answering from SQL."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._quietly())

    async def _quietly(self) -> None:
        try:
            await self.rebuild()
        except REDIS_DOWN as error:
            log.info("leaderboards: rebuild waits for Redis (%s)", error)

    async def rebuild(self, progress=None) -> int | None:
        """Rebuild every current board from SQL; None when another process is rebuilding. The standings
        are read and written ``PEOPLE_PER_CHUNK`` people at a time; only each board's member ids are held.

        ``progress(written, total)`` follows the writing of standings (the total as known so far).
        """
        state = self._state
        if state.redis_boards is None:
            return 0
        redis = state.redis_boards.redis
        if not await redis.set(REBUILD_LOCK, "1", nx=True, ex=600):
            return None
        try:
            state.missed.clear()  # whoever changed before this read is in it
            # In place: readers meanwhile see the boards as they were, never empty ones. Versioned
            # writes keep anything newer that arrives meanwhile; whoever should not be on a board
            # (moved away, or a board of no one) is taken off afterwards.
            members: dict[Board, array] = {}
            written = 0
            async for updates in standings_in_chunks(PEOPLE_PER_CHUNK):
                await state.redis_boards.write(updates)
                for group, rows in updates.items():
                    people = array("q", (standing.person_id for standing, _ in rows))
                    for board in group:
                        members.setdefault(board, array("q")).extend(people)
                written += sum(len(rows) * len(group) for group, rows in updates.items())
                if progress:
                    progress(written, written)
            await state.redis_boards.keep_only(members, await current_keys(state.redis_boards))
            await self._catch_up()
            state.dirty = False  # no await since the last catch-up: nobody changed unwritten
            await state.redis_boards.mark_ready(True)
            return written
        finally:
            await redis.delete(REBUILD_LOCK)

    async def _catch_up(self) -> None:
        """Write the people whose totals changed after the rebuild read them: while this process is
        dirty their writes are held back, and the standings the rebuild wrote are older."""
        while self._state.missed:
            missed, self._state.missed = self._state.missed, {}
            for person_id, moved_from in missed.items():
                await write_person(self._state.redis_boards, person_id, moved_from)

    async def close(self, grace_seconds: float = 30) -> None:
        """Give a rebuild under way a moment to finish (a command line run ends right after its work)."""
        if self._task is not None and not self._task.done():
            try:
                await asyncio.wait_for(self._task, grace_seconds)
            except (TimeoutError, asyncio.CancelledError, *REDIS_DOWN):
                pass


async def current_keys(redis_boards: RedisBoards) -> list[str]:
    """Board keys of the current periods (and all-time) that Redis holds."""
    suffixes = {"all:all"} | {
        f"{code.removeprefix('n')}:{day.isoformat()}"
        for code, days in current_starts(await calendars_in_use(), dt.datetime.now(dt.timezone.utc)).items()
        for day in days
    }
    return [key for key in await redis_boards.board_keys() if key.rsplit("}", 1)[0].split(":", 3)[-1] in suffixes]
