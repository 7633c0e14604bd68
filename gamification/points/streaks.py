"""Keeping each person's streak, and recording streak milestones as facts that earn XP."""

from __future__ import annotations

import datetime as dt

from domain.attempts import local_date
from domain.rules import FactKind
from domain.streaks import MILESTONES, StreakState, frozen_days, missed_between
from gamification.points.facts import record_fact
from gamification.points.streak_reads import streak_inputs, streak_outcome
from gamification.storage.regions import region_timezone
from gamification.storage.tables import Completion, Holiday, Person, PointsTotal, Streak, StreakFreeze


async def region_today(region_id: int | None, now: dt.datetime | None = None) -> dt.date:
    """The day it is at ``now`` on the region's calendar (WIB without a region)."""
    return local_date(now or dt.datetime.now(dt.timezone.utc), await region_timezone(region_id))


async def holidays_of(region_id: int | None) -> set[dt.date]:
    if region_id is None:
        return set()
    return set(await Holiday.select(Holiday.day).where(Holiday.region == region_id).output(as_list=True))


async def update_streak(person_id: int, now: dt.datetime | None = None) -> list[int]:
    """Recompute the person's streak from their learning days; returns new milestone fact ids."""
    return await update_streaks([person_id], now)


async def update_streaks(person_ids: list[int], now: dt.datetime | None = None) -> list[int]:
    """``update_streak`` for many people in a handful of statements (the changed streaks in one); call
    inside a unit of work. Returns the new milestone facts' ids, queued for the caller or the recalculation."""
    computed = [(inputs, streak_outcome(inputs)) for inputs in await streak_inputs(person_ids, now)]
    await _store({inputs.person_id: outcome.state for inputs, outcome in computed})
    new_facts = []
    for inputs, outcome in computed:
        for days, day in outcome.milestones:
            new_facts.append(
                await record_fact(
                    kind=FactKind.STREAK_MILESTONE,
                    person_id=inputs.person_id,
                    source_key=f"streak:{inputs.person_id}:{days}:{day.isoformat()}",
                    label=f"Runtunan {days} hari belajar",
                    occurred_at=inputs.firsts[day],
                    local_date=day,
                    region_id=inputs.region_id,
                    unit_id=inputs.unit_id,
                    level=str(days),
                    queued=True,  # awarded by the caller, or by the recalculation (the midnight close)
                )
            )
    return new_facts


async def lock_learners(person_ids: list[int]) -> None:
    """On PostgreSQL, lock the people's totals and then their streak rows, each in person order, before reading
    what a streak is computed from. That is the order an attempt takes them (its award writes the totals, then
    it steps the streak), so an attempt meanwhile waits at its totals rather than deadlocking with a chunk that
    awards a milestone, and then steps from the streak written here, rather than this writing a streak
    computed before the attempt's completion over the attempt's. One cycle remains, rare: a completion that
    earns no XP steps the streak first, and then a milestone's XP wants the totals the chunk holds; PostgreSQL
    breaks it, and the chunk or the attempt is done again (both retry a deadlock)."""
    if Streak._meta.db.engine_type == "postgres" and person_ids:
        people = sorted(person_ids)
        for table in (PointsTotal, Streak):
            await table.select(table.id).where(table.person.is_in(people)).order_by(table.person).lock_rows()


STEP_WINDOW_DAYS = 42  # how far back a step looks for a missed working day; a longer gap without one is rare


async def step_streak(person_id: int, region_id: int | None, day: dt.date, today: dt.date) -> StreakState | None:
    """The streak after learning on ``day``, in one statement, where the stored streak alone tells it:
    the person's first learning day, another on its last day, the next one with no working day missed
    between (the region's holidays read in the statement), or the first after a missed working day (a
    new run of one, for a person without streak freezes), with no weekday missed since and no milestone
    reached. None otherwise (a day synced late, a milestone, freezes to weigh): ``update_streak``
    computes it from all the days. The conditions are the statement's own, so two racing attempts step
    in turn."""
    if day > today or any(d.weekday() < 5 for d in _days_between(day, today)):
        return None
    start = day - dt.timedelta(days=STEP_WINDOW_DAYS)
    weekdays = [d.isoformat() for d in _days_back(day, STEP_WINDOW_DAYS) if d.weekday() < 5]  # latest first
    # working days missed between the stored last day and this one: the window's weekdays after the last
    # day, less the region's holidays among them (literals of dates made here, so the SQL is portable)
    after = " ".join(f"WHEN streak.last_day >= '{d}' THEN {n}" for n, d in enumerate(weekdays))
    holidays = (
        "(SELECT count(*) FROM holiday h WHERE h.region = {} AND h.day > streak.last_day"
        f" AND h.day IN ({', '.join(repr(d) for d in weekdays)}))"
    )
    missed = f"(CASE {after} ELSE {len(weekdays)} END - {holidays})"
    stays = "streak.last_day = excluded.last_day"
    steps = (
        f"streak.last_day < excluded.last_day AND streak.last_day >= '{start}' AND {missed} = 0 AND streak.current > 0"
    )
    restarts = (
        f"streak.last_day < excluded.last_day AND {missed} > 0"
        " AND NOT EXISTS (SELECT 1 FROM streak_freeze f WHERE f.person = streak.person)"
    )
    rows = await Streak.raw(
        "INSERT INTO streak (person, current, longest, last_day, updated_at) VALUES ({}, 1, 1, {}, {})"
        f" ON CONFLICT (person) DO UPDATE SET"
        f" current = CASE WHEN {stays} THEN streak.current WHEN {restarts} THEN 1 ELSE streak.current + 1 END,"
        f" longest = CASE WHEN {stays} OR streak.longest > streak.current THEN streak.longest"
        f" WHEN {restarts} THEN CASE WHEN streak.longest > 1 THEN streak.longest ELSE 1 END"
        " ELSE streak.current + 1 END,"
        " last_day = excluded.last_day, updated_at = excluded.updated_at"
        f" WHERE {stays} OR ({steps} AND streak.current + 1 NOT IN ({', '.join(map(str, MILESTONES))}))"
        f" OR ({restarts})"
        " RETURNING current, longest",
        person_id,
        day,
        dt.datetime.now(dt.timezone.utc),
        *[region_id] * 4,  # the holidays' region, once for each time ``missed`` is written above
    )
    return StreakState(rows[0]["current"], rows[0]["longest"], day) if rows else None


def _days_between(earlier: dt.date, later: dt.date) -> list[dt.date]:
    return [earlier + dt.timedelta(days=n) for n in range(1, (later - earlier).days)]


def _days_back(day: dt.date, days: int):
    for n in range(1, days + 1):
        yield day - dt.timedelta(days=n)


async def _store(states: dict[int, StreakState]) -> None:
    """One statement for all; a row is written only where it changed: ``updated_at`` tells the nightly
    check whose badges may follow."""
    if not states:
        return
    at = dt.datetime.now(dt.timezone.utc)
    people = sorted(states)
    await Streak.raw(
        "INSERT INTO streak (person, current, longest, last_day, updated_at) VALUES "
        + ", ".join(["({}, {}, {}, {}, {})"] * len(people))
        + " ON CONFLICT (person) DO UPDATE SET current = excluded.current, longest = excluded.longest,"
        " last_day = excluded.last_day, updated_at = excluded.updated_at"
        " WHERE streak.current <> excluded.current OR streak.longest <> excluded.longest"
        " OR streak.last_day <> excluded.last_day OR (streak.last_day IS NULL) <> (excluded.last_day IS NULL)",
        *[v for p in people for v in (p, states[p].current, states[p].longest, states[p].last_day, at)],
    )


async def streak_of(person_id: int, now: dt.datetime | None = None) -> StreakState:
    """As stored, but a streak whose run ended since (a missed working day) reads as 0 before midnight's job."""
    row = await Streak.select().where(Streak.person == person_id).first()
    if row is None:
        return StreakState(0, 0, None)
    person = await Person.select(Person.region).where(Person.id == person_id).first()
    today = await region_today(person["region"], now)
    current = row["current"]
    if row["last_day"] is not None:
        days_off = await holidays_of(person["region"])
        if missed_between(row["last_day"], today, days_off):
            freezes = await _freezes_of(person_id)
            if freezes:
                days_off |= frozen_days(await _learning_days(person_id), days_off, freezes, today)
            if missed_between(row["last_day"], today, days_off):
                current = 0
    return StreakState(current, row["longest"], row["last_day"])


async def give_streak_freeze(person_id: int, redemption_id: int, now: dt.datetime | None = None) -> None:
    """A freeze from an approved redemption; it covers a working day missed from today on (call inside
    the unit of work that approves)."""
    person = await Person.select(Person.region).where(Person.id == person_id).first()
    today = await region_today(person["region"], now)
    await StreakFreeze.insert(StreakFreeze(person=person_id, redemption=redemption_id, given_on=today))


async def freezes_left(person_id: int, region_id: int | None, now: dt.datetime | None = None) -> int:
    freezes = await _freezes_of(person_id)
    if not freezes:
        return 0
    today = await region_today(region_id, now)
    holidays = await holidays_of(region_id)
    return len(freezes) - len(frozen_days(await _learning_days(person_id), holidays, freezes, today))


async def _freezes_of(person_id: int) -> list[dt.date]:
    return await StreakFreeze.select(StreakFreeze.given_on).where(StreakFreeze.person == person_id).output(as_list=True)


async def _learning_days(person_id: int) -> list[dt.date]:
    return await (
        Completion.select(Completion.local_date).where(Completion.person == person_id).distinct().output(as_list=True)
    )
