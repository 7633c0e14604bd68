"""Closing leaderboard periods: soon after each local period boundary the closed period's standings
are frozen and its period badges awarded (e.g. the top 3 of every unit's week).

A calendar is a time zone: each region's boards close at its own midnight, the national board
at WIB's. Closing is idempotent (a board's snapshot is replaced, a badge is awarded once per
period), and a close that crashed or was missed is made by the next run, which closes every
ended period not yet marked closed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from piccolo.query.functions.aggregate import Min

from domain.badges import Criterion
from domain.leaderboards import (
    Period,
    PeriodWindow,
    Scope,
    competition_ranks,
    next_period_start,
    period_start,
    window_at,
)
from domain.timezones import NATIONAL_TIMEZONE
from gamification.boards.sql_store import SqlBoards
from gamification.boards.store import Board
from gamification.points.badges import notify_badge
from gamification.storage.database import unit_of_work
from gamification.storage.json_column import loaded
from gamification.storage.tables import Agency, Badge, BoardSnapshot, PeriodClose, PersonBadge, Region, Unit, XpEntry

SNAPSHOT_TOP = 10
CLOSED_PERIODS = (Period.WEEK, Period.MONTH, Period.YEAR)
CATCH_UP = 4


def as_date(value) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class BoardBadge:
    id: int
    code: str
    name: str
    region_id: int | None
    top: int


async def close_periods(timezone: str, now: dt.datetime | None = None) -> dict:
    """Close the ended weeks, months and years of this calendar not closed yet, oldest first.

    Looks back at most ``CATCH_UP`` periods of each kind (a scheduler that was down for a while),
    and not before the first XP was ever earned.
    """
    now = now or dt.datetime.now(dt.timezone.utc)
    first = await XpEntry.select(Min(XpEntry.local_date, alias="day")).first()
    first_day = first["day"] if first and first["day"] else None
    counts = {"boards": 0, "badges": 0, "periods": 0}
    for period in CLOSED_PERIODS:
        for start in reversed(await _unclosed(timezone, period, now, first_day)):
            closed = await close_period(timezone, period, start)
            counts["boards"] += closed["boards"]
            counts["badges"] += closed["badges"]
            counts["periods"] += 1
    return counts


async def _unclosed(timezone: str, period: Period, now: dt.datetime, first_day) -> list[dt.date]:
    """Ended periods not yet closed, latest first."""
    starts: list[dt.date] = []
    start = window_at(period, timezone, now).start
    for _ in range(CATCH_UP):
        start = period_start(period, start - dt.timedelta(days=1))
        if starts and first_day is not None and next_period_start(period, start) <= as_date(first_day):
            break
        if await PeriodClose.exists().where(
            (PeriodClose.timezone == timezone)
            & (PeriodClose.period == period.value)
            & (PeriodClose.period_start == start)
        ):
            break
        starts.append(start)
    return starts


async def close_period(timezone: str, period: Period, start: dt.date) -> dict:
    window = PeriodWindow(period, start, timezone)
    badges = await _board_badges(period)
    boards = await _boards(timezone, window)
    awarded = 0
    for board, region_id in boards:
        awarded += await _close_board(board, region_id, badges.get(board.scope, []))
    async with unit_of_work():
        await PeriodClose.insert(
            PeriodClose(
                timezone=timezone,
                period=period.value,
                period_start=start,
                counts={"boards": len(boards), "badges": awarded},
            )
        )
    return {"boards": len(boards), "badges": awarded}


async def _close_board(board: Board, region_id: int | None, badges: list[BoardBadge]) -> int:
    wanted = max([SNAPSHOT_TOP, *(badge.top for badge in badges)])
    top = [s for s in await SqlBoards().top(board, wanted) if s.xp > 0]
    ranks = competition_ranks(0, 1, [s.xp for s in top])
    key = board.window.key
    awarded = 0
    async with unit_of_work():
        same_board = (
            (BoardSnapshot.scope == board.scope.value)
            & (BoardSnapshot.period == board.period.value)
            & (BoardSnapshot.period_start == board.window.start)
        )
        same_board &= (
            BoardSnapshot.scope_id.is_null() if board.scope_id is None else BoardSnapshot.scope_id == board.scope_id
        )
        await BoardSnapshot.delete().where(same_board)
        if top:
            await BoardSnapshot.insert(
                *[
                    BoardSnapshot(
                        scope=board.scope.value,
                        scope_id=board.scope_id,
                        period=board.period.value,
                        period_start=board.window.start,
                        person=standing.person_id,
                        rank=rank,
                        xp=standing.xp,
                        reached_at=standing.reached_at,
                    )
                    for rank, standing in zip(ranks[:SNAPSHOT_TOP], top[:SNAPSHOT_TOP], strict=False)
                ]
            )
        for badge in badges:
            if badge.region_id is not None and badge.region_id != region_id:
                continue
            for rank, standing in zip(ranks, top, strict=True):
                if rank > badge.top:
                    break
                held = await PersonBadge.exists().where(
                    (PersonBadge.person == standing.person_id)
                    & (PersonBadge.badge == badge.id)
                    & (PersonBadge.period_key == key)
                )
                if not held:
                    reason = {"board": board.tag, "rank": rank, "xp": standing.xp}
                    await PersonBadge.insert(
                        PersonBadge(person=standing.person_id, badge=badge.id, period_key=key, reason=reason)
                    )
                    await notify_badge(standing.person_id, badge.code, badge.name, key)
                    awarded += 1
    return awarded


async def _board_badges(period: Period) -> dict[Scope, list[BoardBadge]]:
    by_scope: dict[Scope, list[BoardBadge]] = {}
    for row in await Badge.select(Badge.id, Badge.code, Badge.name, Badge.region, Badge.criteria).where(
        Badge.active == True  # noqa: E712
    ):
        criteria = loaded(row["criteria"])
        if criteria.get("kind") == Criterion.BOARD_TOP.value and criteria.get("period") == period.value:
            by_scope.setdefault(Scope(criteria["scope"]), []).append(
                BoardBadge(row["id"], row["code"], row["name"], row["region"], criteria["top"])
            )
    return by_scope


async def _boards(timezone: str, window) -> list[tuple[Board, int | None]]:
    """Every board of this calendar: its regions, their agencies and units, and the national board on WIB."""
    regions = await Region.select(Region.id).where(Region.timezone == timezone).output(as_list=True)
    boards: list[tuple[Board, int | None]] = []
    if timezone == NATIONAL_TIMEZONE:
        boards.append((Board(Scope.NATIONAL, None, window), None))
    if not regions:
        return boards
    boards += [(Board(Scope.REGION, region_id, window), region_id) for region_id in regions]
    for row in await Agency.select(Agency.id, Agency.region).where(Agency.region.is_in(regions)):
        boards.append((Board(Scope.AGENCY, row["id"], window), row["region"]))
    for row in await Unit.select(Unit.id, Unit.region, Unit.path).where(Unit.region.is_in(regions)):
        boards.append((Board(Scope.UNIT, row["id"], window, row["path"]), row["region"]))
    return boards
