"""What a streak is computed from, read for many people at once: the per-person update and the chunked
refresh of the full check read the same rows through ``streak_inputs``, so they cannot drift apart."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from piccolo.query.functions.aggregate import Min

from domain.attempts import local_date
from domain.rules import FactKind
from domain.streaks import StreakState, frozen_days, milestones_reached, runs, streak_state
from gamification.storage.regions import people_placed
from gamification.storage.tables import Completion, Fact, Holiday, StreakFreeze


@dataclass
class StreakInputs:
    person_id: int
    region_id: int | None
    unit_id: int | None
    today: dt.date
    firsts: dict[dt.date, dt.datetime] = field(default_factory=dict)  # each learning day's first completion
    holidays: set[dt.date] = field(default_factory=set)  # the region's
    freezes: list[dt.date] = field(default_factory=list)
    reached: list[tuple[str, dt.date]] = field(default_factory=list)  # milestone facts: (level, local date)


@dataclass(frozen=True)
class StreakOutcome:
    state: StreakState
    milestones: list[tuple[int, dt.date]]  # reached by a run that has not earned them yet


async def streak_inputs(person_ids: list[int], now: dt.datetime | None = None) -> list[StreakInputs]:
    """In five statements whatever the number of people (people absent from the table are left out)."""
    placed = await people_placed(person_ids)
    if not placed:
        return []
    moment = now or dt.datetime.now(dt.timezone.utc)
    inputs = {
        p: StreakInputs(p, row["region"], row["unit"], local_date(moment, row["timezone"])) for p, row in placed.items()
    }
    ids = sorted(inputs)
    for row in (
        await Completion.select(Completion.person, Completion.local_date, Min(Completion.completed_at, alias="first"))
        .where(Completion.person.is_in(ids))
        .group_by(Completion.person, Completion.local_date)
    ):
        inputs[row["person"]].firsts[row["local_date"]] = row["first"]
    regions = sorted({i.region_id for i in inputs.values() if i.region_id is not None})
    by_region: dict[int, set[dt.date]] = defaultdict(set)
    if regions:
        for row in await Holiday.select(Holiday.region, Holiday.day).where(Holiday.region.is_in(regions)):
            by_region[row["region"]].add(row["day"])
    for i in inputs.values():
        i.holidays = set(by_region.get(i.region_id, ()))
    for row in await StreakFreeze.select(StreakFreeze.person, StreakFreeze.given_on).where(
        StreakFreeze.person.is_in(ids)
    ):
        inputs[row["person"]].freezes.append(row["given_on"])
    for row in await Fact.select(Fact.person, Fact.level, Fact.local_date).where(
        Fact.person.is_in(ids), Fact.kind == FactKind.STREAK_MILESTONE.value
    ):
        inputs[row["person"]].reached.append((row["level"], row["local_date"]))
    return [inputs[p] for p in ids]


def streak_outcome(inputs: StreakInputs) -> StreakOutcome:
    """The streak from all the days, so a completion synced late that fills a gap joins the two runs
    around it; and the milestones its runs reached that no fact records yet."""
    days_off = inputs.holidays | frozen_days(inputs.firsts, inputs.holidays, inputs.freezes, inputs.today)
    new = []
    for run in runs(inputs.firsts, days_off):
        for days, day in milestones_reached(run):
            if any(level == str(days) and run[0] <= on <= run[-1] for level, on in inputs.reached):
                continue  # this run has earned this milestone already
            new.append((days, day))
    return StreakOutcome(streak_state(inputs.firsts, days_off, inputs.today), new)
