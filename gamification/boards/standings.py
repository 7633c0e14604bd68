"""Current standings read from SQL: what every board should hold, for writes, rebuilds and checks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import AsyncIterator

from piccolo.query.functions.aggregate import Max, Min

from domain.leaderboards import Period, Scope, Standing, current_starts, window_at
from domain.timezones import NATIONAL_TIMEZONE
from gamification.boards.store import Board, Membership, Updates, as_utc
from gamification.points.national_periods import calendars_in_use
from gamification.storage.tables import PointsPeriod, PointsTotal, Region

PERIODS = {period.value: period for period in Period}


class _Grouping:
    """Puts each totals row's standing under the group of boards it counts on, found once per place and period."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now
        self.updates: Updates = defaultdict(list)
        self._groups: dict[tuple, list] = {}

    def add(self, membership: Membership, code: str, start: dt.date | None, standing: tuple[Standing, int]) -> None:
        """``code``: "all", or the totals' period ("week"; "nweek" for the national calendar's)."""
        place = (membership.unit_path, membership.agency_id, membership.region_id, membership.timezone, code, start)
        rows = self._groups.get(place)
        if rows is None:
            rows = self._groups[place] = self._rows_of(membership, code, start)
        if rows is not None:
            rows.append(standing)

    def _rows_of(self, membership: Membership, code: str, start: dt.date | None) -> list | None:
        if code == "all":
            group = tuple(membership.boards(Period.ALL, self.now))
        else:
            national = code.startswith("n")
            group = tuple(
                board
                for board in membership.boards(PERIODS[code.removeprefix("n")], self.now)
                if (board.scope is Scope.NATIONAL) == national and board.window.start == start
            )
        return self.updates[group] if group else None


async def region_and_national_boards(now: dt.datetime) -> list[Board]:
    """The current boards of every region and the national ones, whether or not anyone is on them."""
    boards = [Board(Scope.NATIONAL, None, window_at(period, NATIONAL_TIMEZONE, now)) for period in Period]
    for region in await Region.select(Region.id, Region.timezone):
        boards += [Board(Scope.REGION, region["id"], window_at(period, region["timezone"], now)) for period in Period]
    return boards


async def standings(
    person_ids: list[int] | None, now: dt.datetime | None = None, *, between: tuple[int, int] | None = None
) -> tuple[list[Membership], Updates]:
    """The current standings of these people (everyone: None; or the ids ``between`` first and last) on
    every board they are on, from SQL."""
    now = now or dt.datetime.now(dt.timezone.utc)
    grouping = _Grouping(now)
    memberships = []
    for row in await totals(person_ids, between):
        membership = membership_of(row)
        memberships.append(membership)
        grouping.add(membership, "all", None, _versioned(row))
    # The calendars whose current periods matter: everyone's, or just these people's (no need to look up the rest).
    if person_ids is None:
        zones = await calendars_in_use()
    else:
        zones = sorted({m.timezone for m in memberships if m.timezone} | {NATIONAL_TIMEZONE})
    starts = set().union(*current_starts(zones, now).values())
    query = PointsPeriod.select(*columns(PointsPeriod), PointsPeriod.period, PointsPeriod.period_start).where(
        PointsPeriod.period_start.is_in(sorted(starts))
    )
    for row in await _of(query, PointsPeriod.person, person_ids, between):
        grouping.add(membership_of(row), row["period"], row["period_start"], _versioned(row))
    return memberships, grouping.updates


def written_standings(people: list[tuple[Membership, list[dict]]], now: dt.datetime) -> Updates:
    """What ``standings`` would read for these people, from their totals rows as an award wrote them."""
    grouping = _Grouping(now)
    for membership, rows in people:
        for row in rows:
            grouping.add(membership, row["period"], row.get("period_start"), _versioned(row))
    return grouping.updates


async def standings_in_chunks(people: int, now: dt.datetime | None = None) -> AsyncIterator[Updates]:
    """Everyone's current standings, ``people`` people (by id) at a time: a rebuild's memory stays bounded."""
    bounds = (await PointsTotal.select(Min(PointsTotal.person, alias="first"), Max(PointsTotal.person, alias="last")))[
        0
    ]
    if bounds["first"] is None:
        return
    for first in range(bounds["first"], bounds["last"] + 1, people):
        yield (await standings(None, now, between=(first, first + people - 1)))[1]


async def totals(person_ids: list[int] | None, between: tuple[int, int] | None = None) -> list[dict]:
    query = PointsTotal.select(*columns(PointsTotal)).where(PointsTotal.reached_at.is_not_null())
    return await _of(query, PointsTotal.person, person_ids, between)


def _of(query, person, person_ids: list[int] | None, between: tuple[int, int] | None):
    if person_ids is not None:
        query = query.where(person.is_in(person_ids))
    if between is not None:
        query = query.where((person >= between[0]) & (person <= between[1]))
    return query


def columns(table) -> tuple:
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


def membership_of(row: dict) -> Membership:
    return Membership(
        person_id=row["person"],
        unit_path=row["unit.path"],
        agency_id=row["unit.agency"],
        region_id=row["region"],
        timezone=row["region.timezone"],
    )


def _versioned(row: dict) -> tuple[Standing, int]:
    return Standing.of(row["person"], row["xp"], as_utc(row["reached_at"])), row["entries"]
