"""Keeping each person's streak, and recording streak milestones as facts that earn XP."""

from __future__ import annotations

import datetime as dt

from piccolo.query.functions.aggregate import Min

from domain.attempts import local_date
from domain.rules import FactKind
from domain.streaks import MILESTONES, StreakState, frozen_days, milestones_reached, missed_between, runs, streak_state
from gamification.points.facts import record_fact
from gamification.storage.database import unit_of_work
from gamification.storage.regions import region_timezone
from gamification.storage.tables import Completion, Fact, Holiday, Person, Streak, StreakFreeze


async def region_today(region_id: int | None, now: dt.datetime | None = None) -> dt.date:
    """The day it is at ``now`` on the region's calendar (WIB without a region)."""
    return local_date(now or dt.datetime.now(dt.timezone.utc), await region_timezone(region_id))


async def holidays_of(region_id: int | None) -> set[dt.date]:
    if region_id is None:
        return set()
    return set(await Holiday.select(Holiday.day).where(Holiday.region == region_id).output(as_list=True))


async def update_streak(person_id: int, now: dt.datetime | None = None) -> list[int]:
    """Recompute the person's streak from their learning days; returns new milestone fact ids.

    Computed from all the days rather than stepped forward, so a completion synced late from
    offline that fills a gap joins the two runs around it.
    """
    person = await Person.select(Person.region, Person.unit).where(Person.id == person_id).first()
    today = await region_today(person["region"], now)
    firsts = {
        row["local_date"]: row["first"]
        for row in await Completion.select(Completion.local_date, Min(Completion.completed_at, alias="first"))
        .where(Completion.person == person_id)
        .group_by(Completion.local_date)
    }
    holidays = await holidays_of(person["region"])
    holidays |= frozen_days(firsts, holidays, await _freezes_of(person_id), today)
    await _store(person_id, streak_state(firsts, holidays, today))
    reached = await Fact.select(Fact.level, Fact.local_date).where(
        Fact.person == person_id, Fact.kind == FactKind.STREAK_MILESTONE.value
    )
    new_facts = []
    for run in runs(firsts, holidays):
        for days, day in milestones_reached(run):
            if any(r["level"] == str(days) and run[0] <= r["local_date"] <= run[-1] for r in reached):
                continue  # this run has earned this milestone already
            new_facts.append(
                await record_fact(
                    kind=FactKind.STREAK_MILESTONE,
                    person_id=person_id,
                    source_key=f"streak:{person_id}:{days}:{day.isoformat()}",
                    label=f"Runtunan {days} hari belajar",
                    occurred_at=firsts[day],
                    local_date=day,
                    region_id=person["region"],
                    unit_id=person["unit"],
                    level=str(days),
                    queued=True,  # awarded by the caller, or by the recalculation (the midnight close)
                )
            )
    return new_facts


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


REFRESH_REACH = dt.timedelta(days=14)  # wider than any run of weekends and holidays around one day


async def refresh_streaks_around(region_id: int, day: dt.date, now: dt.datetime | None = None) -> int:
    """A holiday added or removed on ``day`` joins or splits the runs that pass it: the streaks of the
    region's people who learned near it are computed again at once, not at the next local midnight.
    Returns how many people were looked at."""
    today = await region_today(region_id, now)
    if day > today:
        return 0  # no run reaches a day still to come
    people = (
        await Completion.select(Completion.person)
        .where(
            Completion.region == region_id,
            Completion.local_date >= day - REFRESH_REACH,
            Completion.local_date <= day + REFRESH_REACH,
        )
        .distinct()
        .output(as_list=True)
    )
    for person_id in people:
        async with unit_of_work():
            await update_streak(person_id, now)
    return len(people)


async def _store(person_id: int, state: StreakState) -> None:
    """Written only where it changed: ``updated_at`` tells the nightly check whose badges may follow."""
    await Streak.raw(
        "INSERT INTO streak (person, current, longest, last_day, updated_at) VALUES ({}, {}, {}, {}, {})"
        " ON CONFLICT (person) DO UPDATE SET current = excluded.current, longest = excluded.longest,"
        " last_day = excluded.last_day, updated_at = excluded.updated_at"
        " WHERE streak.current <> excluded.current OR streak.longest <> excluded.longest"
        " OR streak.last_day <> excluded.last_day OR (streak.last_day IS NULL) <> (excluded.last_day IS NULL)",
        person_id,
        state.current,
        state.longest,
        state.last_day,
        dt.datetime.now(dt.timezone.utc),
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
