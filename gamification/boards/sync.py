"""Keeping the Redis boards in step with the ledger, and telling live displays what changed.

The ledger calls ``totals_changed`` whenever it recomputes a person's totals; once the
transaction commits, the installed ``BoardSync`` writes that person's current standings to Redis
and publishes a board event. Redis may go away at any moment: a failed write marks the boards
dirty, readers fall back to SQL, and the boards are rebuilt from SQL as soon as Redis answers
again (also when Redis restarted empty: the ready marker is gone). The recalculation checks the
boards against SQL and rebuilds them on any difference.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable

from redis.asyncio import Redis
from redis.exceptions import RedisError

from domain.leaderboards import Period, Scope, Standing, window_at
from domain.timezones import NATIONAL_TIMEZONE
from gamification.boards.events import BoardEvents
from gamification.boards.redis_store import PREFIX, RedisBoards, keys
from gamification.boards.sql_store import SqlBoards
from gamification.boards.store import Board, Membership, as_utc
from gamification.storage.database import after_commit
from gamification.storage.tables import PointsPeriod, PointsTotal, Region

log = logging.getLogger(__name__)
REDIS_DOWN = (RedisError, OSError)
REBUILD_LOCK = PREFIX + "rebuilding"
READY_CACHE_SECONDS = 1.0  # a process trusts the ready marker this long between looks
CHECKED_BOARDS_TOP = 10
LOWEST_XP = -(2**31)  # below any total (an int4 column): "more XP than this" counts everyone

_installed: BoardSync | None = None


def install(sync: BoardSync | None) -> None:
    global _installed
    _installed = sync


def installed() -> BoardSync | None:
    return _installed


def totals_changed(person_id: int) -> None:
    """Called by the ledger inside its unit of work; the boards follow once it commits."""
    sync = _installed
    if sync is not None:
        after_commit(("board", person_id), lambda: sync.person_changed(person_id))


def people_changed(person_ids: list[int]) -> None:
    """``totals_changed`` for a batch: the boards follow in one pass once the unit of work commits."""
    sync = _installed
    if sync is not None and person_ids:
        after_commit(("boards", tuple(person_ids)), lambda: sync.batch_changed(person_ids))


async def person_moving(person_id: int, unit_id: int | None, region_id: int | None) -> None:
    """A person changes unit: their totals follow them to the new boards, inside the caller's unit of work."""
    old = await PointsTotal.select(*_columns(PointsTotal)).where(PointsTotal.person == person_id).first()
    for table in (PointsTotal, PointsPeriod):
        await table.update({table.unit: unit_id, table.region: region_id}).where(table.person == person_id)
    sync = _installed
    if sync is not None and old is not None:
        after_commit(("board-move", person_id), lambda: sync.person_changed(person_id, moved_from=_membership(old)))


class BoardSync:
    def __init__(self, redis: Redis | None, events: BoardEvents) -> None:
        self.redis_boards = RedisBoards(redis) if redis is not None else None
        self.sql_boards = SqlBoards()
        self.events = events
        self.dirty = False  # a write was lost: rebuild before Redis is read again
        # People whose standings did not reach Redis (held back while dirty, or failed), with the
        # membership Redis may still show them under; a rebuild writes whoever changed while it ran.
        self._missed: dict[int, Membership | None] = {}
        self._ready_seen_at = 0.0
        self._rebuild: asyncio.Task | None = None

    async def person_changed(self, person_id: int, moved_from: Membership | None = None) -> None:
        memberships, updates = await _standings(person_ids=[person_id])
        if self.redis_boards is not None:
            await self._write(lambda: self._put(person_id, updates, moved_from), {person_id: moved_from})
        for membership in [*memberships, *([moved_from] if moved_from else [])]:
            await self.events.publish(
                {
                    "kind": "points",
                    "person": membership.person_id,
                    "region": membership.region_id,
                    "agency": membership.agency_id,
                    "unit_path": membership.unit_path,
                }
            )

    async def batch_changed(self, person_ids: list[int]) -> None:
        """Many people's standings written at once; displays hear once per unit, not once per person."""
        if self.redis_boards is None:  # the boards are read from SQL: only the displays need telling
            memberships = [_membership(row) for row in await _totals(person_ids)]
        else:
            memberships, updates = await _standings(person_ids=person_ids)
            await self._write(lambda: self.redis_boards.write(updates), dict.fromkeys(person_ids))
        for region_id, agency_id, unit_path in {(m.region_id, m.agency_id, m.unit_path) for m in memberships}:
            event = {"kind": "points", "person": None, "region": region_id, "agency": agency_id, "unit_path": unit_path}
            await self.events.publish(event)

    async def _write(self, write: Callable[[], Awaitable[None]], people: dict[int, Membership | None]) -> None:
        """Write these people's standings to Redis, unless the boards are dirty. Held back or failed,
        they are remembered for the rebuild before anything else is awaited (a rebuild finishing
        meanwhile must not count the boards clean without them), and the rebuild starts as soon as
        Redis answers again, even in a process that never reads boards."""
        if not self.dirty:
            try:
                await write()
            except REDIS_DOWN as error:
                log.warning("leaderboards: Redis write failed (%s); answering from SQL until rebuilt", error)
                self.dirty = True
                self._remember(people)
                await self._others_to_sql()
        else:
            self._remember(people)
        if self.dirty:
            self.start_rebuild()

    def _remember(self, people: dict[int, Membership | None]) -> None:
        for person_id, moved_from in people.items():
            self._missed.setdefault(person_id, moved_from)

    async def _put(self, person_id: int, updates: dict, moved_from: Membership | None) -> None:
        if moved_from is not None:
            now = dt.datetime.now(dt.timezone.utc)
            left = {board for period in Period for board in moved_from.boards(period, now)} - set(updates)
            await self.redis_boards.remove([(board, person_id) for board in left])
        await self.redis_boards.write(updates)

    async def store_for(self, board: Board, now: dt.datetime):
        """Redis for a current board while Redis is healthy and complete; SQL otherwise."""
        if self.redis_boards is None or not _is_current(board, now):
            return self.sql_boards
        if self.dirty or not await self._ready():
            self.start_rebuild()
            return self.sql_boards
        return self.redis_boards

    async def _others_to_sql(self) -> None:
        """After a lost write, every process should stop trusting Redis: drop the ready marker if Redis
        lets us (it may have failed only for this one call); the next reader anywhere rebuilds."""
        try:
            await self.redis_boards.mark_ready(False)
        except REDIS_DOWN:
            pass  # down for everyone, then: the marker is checked again when it is back

    def read_failed(self, error: Exception) -> None:
        log.warning("leaderboards: Redis read failed (%s); answering from SQL", error)
        self.dirty = True

    async def _ready(self) -> bool:
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

    def start_rebuild(self) -> None:
        if self._rebuild is None or self._rebuild.done():
            self._rebuild = asyncio.create_task(self._rebuild_quietly())

    async def _rebuild_quietly(self) -> None:
        try:
            await self.rebuild()
        except REDIS_DOWN as error:
            log.info("leaderboards: rebuild waits for Redis (%s)", error)

    async def rebuild(self, progress=None) -> int | None:
        """Rebuild every current board from SQL; None when another process is rebuilding.

        ``progress(written, total)`` follows the writing of standings.
        """
        if self.redis_boards is None:
            return 0
        redis = self.redis_boards.redis
        if not await redis.set(REBUILD_LOCK, "1", nx=True, ex=600):
            return None
        try:
            self._missed.clear()  # whoever changed before this read is in it
            _, updates = await _standings(person_ids=None)
            # In place: readers meanwhile see the boards as they were, never empty ones. Versioned
            # writes keep anything newer that arrives meanwhile; whoever should not be on a board
            # (moved away, or a board of no one) is taken off afterwards.
            await self.redis_boards.write(updates, progress=progress)
            await self.redis_boards.keep_only(updates, await self._current_keys())
            await self._catch_up()
            self.dirty = False  # no await since the last catch-up: nobody changed unwritten
            await self.redis_boards.mark_ready(True)
            return sum(len(rows) for rows in updates.values())
        finally:
            await redis.delete(REBUILD_LOCK)

    async def _catch_up(self) -> None:
        """Write the people whose totals changed after the rebuild read them: while this process is
        dirty their writes are held back, and the standings the rebuild wrote are older."""
        while self._missed:
            missed, self._missed = self._missed, {}
            for person_id, moved_from in missed.items():
                _, updates = await _standings(person_ids=[person_id])
                await self._put(person_id, updates, moved_from)

    async def _current_keys(self) -> list[str]:
        """Board keys of the current periods (and all-time) that Redis holds."""
        suffixes = {"all:all"} | {
            f"{code.removeprefix('n')}:{day.isoformat()}"
            for code, days in _current_starts(await calendars_in_use(), dt.datetime.now(dt.timezone.utc)).items()
            for day in days
        }
        return [
            key for key in await self.redis_boards.board_keys() if key.rsplit("}", 1)[0].split(":", 3)[-1] in suffixes
        ]

    async def check(self, thorough: bool = False) -> dict:
        """Compare the Redis boards with SQL and rebuild on any difference.

        The quick check compares the size and the top of every current region and national
        board; ``thorough`` compares every current board entry by entry, and looks for boards
        Redis holds that SQL does not.
        """
        if self.redis_boards is None:
            return {"boards_checked": 0, "rebuilt": False}
        try:
            if self.dirty or not await self.redis_boards.is_ready():
                return {"boards_checked": 0, "rebuilt": await self.rebuild() is not None}
            if thorough:
                _, updates = await _standings(person_ids=None)
                expected = {board: sorted(standing for standing, _ in rows) for board, rows in updates.items()}
                differs = [board for board in expected if await self.redis_boards.all(board) != expected[board]]
                checked = len(expected)
                stray = not differs and not await self._no_stray_boards(list(expected))
            else:
                boards = await _region_and_national_boards(dt.datetime.now(dt.timezone.utc))
                differs = [board for board in boards if not await self._top_agrees(board)]
                checked, stray = len(boards), False
            if differs:
                log.warning("leaderboards: board %s differs from the ledger; rebuilding", differs[0].tag)
            elif stray:
                log.warning("leaderboards: Redis holds a board the ledger does not; rebuilding")
            if differs or stray:
                return {"boards_checked": checked, "rebuilt": await self.rebuild() is not None}
            return {"boards_checked": checked, "rebuilt": False}
        except REDIS_DOWN as error:
            self.dirty = True
            log.warning("leaderboards: check skipped, Redis unavailable (%s)", error)
            return {"boards_checked": 0, "rebuilt": False}

    async def _top_agrees(self, board: Board) -> bool:
        redis_top = await self.redis_boards.top(board, CHECKED_BOARDS_TOP)
        if redis_top != await self.sql_boards.top(board, CHECKED_BOARDS_TOP):
            return False
        return await self.redis_boards.count_above(board, LOWEST_XP) == await self.sql_boards.count_above(
            board, LOWEST_XP
        )

    async def _no_stray_boards(self, boards: list[Board]) -> bool:
        """No current board in Redis that SQL does not have (say, the old unit of the only person who moved)."""
        expected = {keys(board)[0] for board in boards}
        return all(key in expected for key in await self._current_keys() if key.endswith(":z"))

    async def close(self, grace_seconds: float = 30) -> None:
        """Give a rebuild under way a moment to finish (a command line run ends right after its work)."""
        if self._rebuild is not None and not self._rebuild.done():
            try:
                await asyncio.wait_for(self._rebuild, grace_seconds)
            except (TimeoutError, asyncio.CancelledError, *REDIS_DOWN):
                pass
        await self.events.close()


def _is_current(board: Board, now: dt.datetime) -> bool:
    return board.period is Period.ALL or window_at(board.period, board.window.timezone, now) == board.window


async def calendars_in_use() -> list[str]:
    """Every region's time zone, and WIB (the national board's)."""
    zones = set(await Region.select(Region.timezone).output(as_list=True))
    return sorted(zones | {NATIONAL_TIMEZONE})


def _current_starts(zones: list[str], now: dt.datetime) -> dict[str, set[dt.date]]:
    starts: dict[str, set[dt.date]] = defaultdict(set)
    for period in (Period.WEEK, Period.MONTH, Period.YEAR):
        for zone in zones:
            starts[period.value].add(window_at(period, zone, now).start)
        starts["n" + period.value].add(window_at(period, NATIONAL_TIMEZONE, now).start)
    return starts


async def _region_and_national_boards(now: dt.datetime) -> list[Board]:
    """The current boards of every region and the national ones, whether or not anyone is on them."""
    boards = [Board(Scope.NATIONAL, None, window_at(period, NATIONAL_TIMEZONE, now)) for period in Period]
    for region in await Region.select(Region.id, Region.timezone):
        boards += [Board(Scope.REGION, region["id"], window_at(period, region["timezone"], now)) for period in Period]
    return boards


async def _standings(
    person_ids: list[int] | None, now: dt.datetime | None = None
) -> tuple[list[Membership], dict[Board, list[tuple[Standing, int]]]]:
    """The current standings of these people (everyone: None) on every board they are on, from SQL."""
    now = now or dt.datetime.now(dt.timezone.utc)
    updates: dict[Board, list[tuple[Standing, int]]] = defaultdict(list)
    memberships = []
    for row in await _totals(person_ids):
        membership = _membership(row)
        memberships.append(membership)
        for board in membership.boards(Period.ALL, now):
            updates[board].append(_versioned(row))
    # The calendars whose current periods matter: everyone's, or just these people's (no need to look up the rest).
    if person_ids is None:
        zones = await calendars_in_use()
    else:
        zones = sorted({m.timezone for m in memberships if m.timezone} | {NATIONAL_TIMEZONE})
    starts = set().union(*_current_starts(zones, now).values())
    query = PointsPeriod.select(*_columns(PointsPeriod), PointsPeriod.period, PointsPeriod.period_start).where(
        PointsPeriod.period_start.is_in(sorted(starts))
    )
    if person_ids is not None:
        query = query.where(PointsPeriod.person.is_in(person_ids))
    for row in await query:
        national = row["period"].startswith("n")
        for board in _membership(row).boards(Period(row["period"].removeprefix("n")), now):
            if (board.scope is Scope.NATIONAL) == national and board.window.start == row["period_start"]:
                updates[board].append(_versioned(row))
    return memberships, updates


async def _totals(person_ids: list[int] | None) -> list[dict]:
    totals = PointsTotal.select(*_columns(PointsTotal)).where(PointsTotal.reached_at.is_not_null())
    return await (totals.where(PointsTotal.person.is_in(person_ids)) if person_ids is not None else totals)


def _columns(table) -> tuple:
    return (
        table.person,
        table.xp,
        table.reached_at,
        table.entries,
        table.unit.path,
        table.unit.agency,
        table.region,
        table.region.timezone,
    )


def _membership(row: dict) -> Membership:
    return Membership(
        person_id=row["person"],
        unit_path=row["unit.path"],
        agency_id=row["unit.agency"],
        region_id=row["region"],
        timezone=row["region.timezone"],
    )


def _versioned(row: dict) -> tuple[Standing, int]:
    return Standing.of(row["person"], row["xp"], as_utc(row["reached_at"])), row["entries"]
