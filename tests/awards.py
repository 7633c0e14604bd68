"""Awarding exact XP at exact times for leaderboard tests, and an independent model of what a board should say."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from domain.leaderboards import Period, Scope, window_at
from domain.rules import FactKind
from gamification.boards.store import Board
from gamification.points.facts import record_fact
from gamification.points.ledger import award_facts
from gamification.storage.database import unit_of_work
from gamification.storage.tables import Person, Unit
from tests import wiring

_keys = itertools.count(1)
WIB, WITA = "Asia/Jakarta", "Asia/Makassar"


async def award(person_id: int, xp: int, at: dt.datetime, timezone: str = WIB, label: str = "Modul uji") -> None:
    """A completion fact worth exactly ``xp`` (not a perfect first attempt: no bonus), awarded at once."""
    person = await Person.select(Person.region, Person.unit).where(Person.id == person_id).first()
    async with unit_of_work():
        fact_id = await record_fact(
            kind=FactKind.MODULE_COMPLETION,
            person_id=person_id,
            source_key=f"test:{next(_keys)}",
            label=label,
            occurred_at=at,
            local_date=at.astimezone(ZoneInfo(timezone)).date(),
            region_id=person["region"],
            unit_id=person["unit"],
            xp=xp,
            score=80,
        )
        await award_facts([fact_id], follow=wiring.follow())


def this_week_at(timezone: str, weekday: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment of the current week (Monday = 0) on the calendar of ``timezone``, in UTC."""
    now = dt.datetime.now(dt.timezone.utc)
    monday = window_at(Period.WEEK, timezone, now).start
    local = dt.datetime.combine(monday + dt.timedelta(days=weekday), dt.time(hour, minute), tzinfo=ZoneInfo(timezone))
    return local.astimezone(dt.timezone.utc)


def current_board(scope: Scope, scope_id: int | None, period: Period, timezone: str, unit_path: str | None = None):
    return Board(scope, scope_id, window_at(period, timezone, dt.datetime.now(dt.timezone.utc)), unit_path)


async def unit_path(unit_id: int) -> str:
    return (await Unit.select(Unit.path).where(Unit.id == unit_id).first())["path"]


def expected_order(scores: dict[int, tuple[int, dt.datetime]]) -> list[tuple[int, int, int]]:
    """(rank, person, xp) in board order, computed from the rules alone: more XP, then earlier, then lower id."""
    ordered = sorted(scores.items(), key=lambda item: (-item[1][0], item[1][1], item[0]))
    return [(1 + sum(1 for other in scores.values() if other[0] > xp), person, xp) for person, (xp, _) in ordered]


async def boards_ready() -> None:
    """Make the Redis boards complete (a no-op without Redis), as the first read would in the background."""
    sync = wiring.boards()
    if sync is not None and sync.redis_boards is not None:
        assert await sync.rebuilder.rebuild() is not None


async def leader_and_climber(region) -> tuple[int, int]:
    """Two new people of the region's child unit with 50 and 20 XP this week, the boards complete."""
    from tests.factories import add_person

    leader, climber = [await add_person(f"Pegawai {n}", region.child_unit, region.region_id) for n in range(2)]
    await award(leader, 50, this_week_at(WIB, 0, 9))
    await award(climber, 20, this_week_at(WIB, 0, 10))
    await boards_ready()
    return leader, climber
