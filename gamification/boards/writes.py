"""The boards follow the ledger: once a transaction that changed totals commits, the people's current
standings go to Redis (when it is used) and the live displays hear which boards moved.

This is the port the points engine and the organization call (``totals_changed``, ``totals_written``,
``batch_written``, ``person_moving``): they register the work, the unit of work runs it after its commit.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable

from gamification.boards.events import BoardEvents
from gamification.boards.rebuild import BoardRebuild, write_person
from gamification.boards.redis_state import REDIS_DOWN, RedisState
from gamification.boards.standings import columns, membership_of, standings, written_standings
from gamification.boards.store import Membership
from gamification.points.totals_follower import WrittenTotals
from gamification.storage.database import after_commit
from gamification.storage.tables import PointsPeriod, PointsPeriodClosed, PointsTotal

log = logging.getLogger(__name__)


class BoardWrites:
    def __init__(self, state: RedisState, rebuild: BoardRebuild, events: BoardEvents) -> None:
        self._state = state
        self._rebuild = rebuild
        self.events = events

    def totals_changed(self, person_id: int) -> None:
        """Called by the ledger inside its unit of work; the boards follow once it commits."""
        after_commit(("board", person_id), lambda: self.person_changed(person_id))

    def batch_written(self, written: list[WrittenTotals]) -> None:
        """``totals_written`` for a batch: the boards follow in one pass once the unit of work commits."""
        if written:
            after_commit(("boards", tuple(w.person_id for w in written)), lambda: self.batch_changed(written))

    def totals_written(self, written: WrittenTotals) -> None:
        """``totals_changed`` with the rows as the award wrote them: nothing to read once it commits."""
        after_commit(("board", written.person_id), lambda: self.person_written(written))

    async def person_written(self, written: WrittenTotals) -> None:
        membership = membership_of_written(written)
        redis_boards = self._state.redis_boards
        if redis_boards is not None:
            updates = written_standings([(membership, written.rows)], dt.datetime.now(dt.timezone.utc))
            await self._write(lambda: redis_boards.write(updates), {written.person_id: None})
        await self.events.publish(points_event(membership))

    async def person_moving(self, person_id: int, unit_id: int | None, region_id: int | None) -> None:
        """A person changes unit: their totals follow them to the new boards, inside the caller's unit of work."""
        old = await PointsTotal.select(*columns(PointsTotal)).where(PointsTotal.person == person_id).first()
        for table in (PointsTotal, PointsPeriod, PointsPeriodClosed):
            await table.update({table.unit: unit_id, table.region: region_id}).where(table.person == person_id)
        if old is not None:
            moved_from = membership_of(old)
            after_commit(("board-move", person_id), lambda: self.person_changed(person_id, moved_from))

    async def person_changed(self, person_id: int, moved_from: Membership | None = None) -> None:
        memberships, updates = await standings(person_ids=[person_id])
        redis_boards = self._state.redis_boards
        if redis_boards is not None:
            write = lambda: write_person(redis_boards, person_id, moved_from, updates)  # noqa: E731
            await self._write(write, {person_id: moved_from})
        for membership in [*memberships, *([moved_from] if moved_from else [])]:
            await self.events.publish(points_event(membership))

    async def batch_changed(self, written: list[WrittenTotals]) -> None:
        """Many people's standings written at once; displays hear once per unit, not once per person."""
        memberships = [membership_of_written(w) for w in written]
        redis_boards = self._state.redis_boards
        if redis_boards is not None:
            now = dt.datetime.now(dt.timezone.utc)
            updates = written_standings(
                [(membership, w.rows) for membership, w in zip(memberships, written, strict=True)], now
            )
            await self._write(lambda: redis_boards.write(updates), {w.person_id: None for w in written})
        units = {(m.region_id, m.agency_id, m.unit_path) for m in memberships}
        await self.events.publish_all(
            [{"kind": "points", "person": None, "region": r, "agency": a, "unit_path": u} for r, a, u in units]
        )

    async def _write(self, write: Callable[[], Awaitable[None]], people: dict[int, Membership | None]) -> None:
        """Write these people's standings to Redis, unless the boards are dirty. Held back or failed,
        they are remembered for the rebuild before anything else is awaited (a rebuild finishing
        meanwhile must not count the boards clean without them), and the rebuild starts as soon as
        Redis answers again, even in a process that never reads boards."""
        state = self._state
        if not state.dirty:
            try:
                await write()
            except REDIS_DOWN as error:
                log.warning("leaderboards: Redis write failed (%s); answering from SQL until rebuilt", error)
                state.dirty = True
                state.remember(people)
                await state.others_to_sql()
        else:
            state.remember(people)
        if state.dirty:
            self._rebuild.start()


def membership_of_written(written: WrittenTotals) -> Membership:
    return Membership(written.person_id, written.unit_path, written.agency_id, written.region_id, written.timezone)


def points_event(membership: Membership) -> dict:
    """What displays hear when a person's standings changed: enough to tell which boards show them."""
    return {
        "kind": "points",
        "person": membership.person_id,
        "region": membership.region_id,
        "agency": membership.agency_id,
        "unit_path": membership.unit_path,
    }
