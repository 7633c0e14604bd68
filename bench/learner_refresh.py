"""Streaks and badges of every learner: the full check's refresh timed on a benchmark database.

``python -m bench.learner_refresh fill`` adds to a database filled by ``python -m bench.seed`` (which
records facts, not completions) what streaks and badges are computed from: completions on most days of
the last ten weeks (with gaps), holidays, streak freezes and a few badges. ``python -m bench.learner_refresh
time`` then brings every learner up to date and prints the seconds: in chunks (``refresh_learners``), or
person by person where the checkout has no chunks (run it with ``PYTHONPATH`` at an older checkout).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import random
import sys
import time
from zoneinfo import ZoneInfo

from api.cli import settings_from_env, with_database
from gamification.storage.database import unit_of_work
from gamification.storage.tables import Completion, Module, ModuleVersion, Person, Region

BADGES = [
    ("bench-runtun-7", {"kind": "streak", "days": 7}),
    ("bench-runtun-20", {"kind": "streak", "days": 20}),
    ("bench-modul-10", {"kind": "completions", "count": 10}),
    ("bench-teknis-5", {"kind": "completions", "count": 5, "competency_type": "teknis"}),
    ("bench-sempurna", {"kind": "perfect_first_attempt"}),
    ("bench-jp-20", {"kind": "jp_year", "jp": 20}),
]


async def fill(seed: int = 11) -> int:
    rng, now = random.Random(seed), dt.datetime.now(dt.timezone.utc)
    if await Completion.count():
        raise SystemExit("completions already there")
    zones = {r["id"]: r["timezone"] for r in await Region.select(Region.id, Region.timezone)}
    modules = await Module.select(Module.id, Module.competency_type, Module.topics).order_by(Module.id)
    versions = {r["module"]: r["id"] for r in await ModuleVersion.select(ModuleVersion.module, ModuleVersion.id)}
    people = await Person.select(Person.id, Person.region, Person.unit).where(Person.region.is_not_null())
    attempts, completions, freezes = [], [], []
    for person in people:
        zone = ZoneInfo(zones[person["region"]])
        today = now.astimezone(zone).date()
        keen = rng.choice([0.0, 0.3, 0.6, 0.85, 0.95])
        days = [today - dt.timedelta(days=k) for k in range(70, -1, -1) if rng.random() < keen][: len(modules)]
        for module, day in zip(rng.sample(modules, len(days)), days, strict=True):
            at = dt.datetime.combine(day, dt.time(rng.randint(6, 21)), zone)
            first = rng.random() < 0.6
            key = (person["id"], module["id"])
            attempts.append((*key, versions[module["id"]], f"bench-{key[0]}-{key[1]}", "{}", 100 if first else 80, at))
            completions.append(
                (
                    key,
                    person["region"],
                    person["unit"],
                    module | {"version": versions[module["id"]]},
                    100 if first else 80,
                    first,
                    at,
                    day,
                )
            )
        if rng.random() < 0.05:
            freezes.append((person["id"], today - dt.timedelta(days=rng.randint(5, 60))))
    async with unit_of_work():
        await _copy(attempts, completions, freezes, now, rng, zones)
    return len(completions)


async def _copy(attempts, completions, freezes, now, rng, zones) -> None:
    run = Person.raw
    for start in range(0, len(attempts), 2_000):
        rows = attempts[start : start + 2_000]
        await run(
            "INSERT INTO attempt (person, module, module_version, client_id, answers, score, correct_count,"
            " question_count, passed, credited, xp_awarded, new_badges, started_at, finished_at) VALUES "
            + ", ".join(["({}, {}, {}, {}, {}, {}, 5, 5, true, true, 0, '[]', {}, {})"] * len(rows)),
            *[v for r in rows for v in (*r, r[-1])],
        )
    ids = {
        (r["person"], r["module"]): r["id"]
        for r in await Person.raw("SELECT id, person, module FROM attempt WHERE client_id LIKE 'bench-%'")
    }
    for start in range(0, len(completions), 2_000):
        rows = completions[start : start + 2_000]
        await run(
            "INSERT INTO completion (person, module, module_version, attempt, region, unit, competency_type, topics,"
            " xp, jp_centi, score, first_attempt, completed_at, local_date) VALUES "
            + ", ".join(["({}, {}, {}, {}, {}, {}, {}, {}, 10, 200, {}, {}, {}, {})"] * len(rows)),
            *[
                v
                for key, region, unit, module, score, first, at, day in rows
                for v in (
                    key[0],
                    key[1],
                    module["version"],
                    ids[key],
                    region,
                    unit,
                    module["competency_type"],
                    module["topics"],
                    score,
                    first,
                    at,
                    day,
                )
            ],
        )
    await run(
        "INSERT INTO jp_credit (person, source_kind, source_id, title, competency_type, jp_centi, earned_at, year, reversal)"
        " SELECT person, 'module', id, 'Modul', competency_type, jp_centi, completed_at, {}, false FROM completion",
        now.year,
    )
    for region in sorted(zones):
        weekdays = [now.date() - dt.timedelta(days=n) for n in range(3, 60)]
        for day in rng.sample([d for d in weekdays if d.weekday() < 5], 3):
            await run("INSERT INTO holiday (region, day, name) VALUES ({}, {}, 'Libur bench')", region, day)
    for person, day in freezes:
        await run("INSERT INTO streak_freeze (person, given_on) VALUES ({}, {})", person, day)
    for code, criteria in BADGES:
        await run(
            "INSERT INTO badge (code, name, description, criteria, active) VALUES ({}, {}, '', {}, true)",
            code,
            code,
            json.dumps(criteria),
        )


async def time_refresh(tangkas) -> None:
    from gamification.points import recalc

    learners = await Completion.select(Completion.person).distinct().order_by(Completion.person).output(as_list=True)
    follow = tangkas.boards.writes
    started = time.perf_counter()
    if hasattr(recalc, "_streaks_and_badges"):
        way, awarded = "person by person", await recalc._streaks_and_badges(learners, follow)
    else:
        from gamification.points.learner_refresh import refresh_learners

        way, awarded = "in chunks", await refresh_learners(learners, follow)
    print(f"{len(learners)} learners {way}: {time.perf_counter() - started:.2f} s, {awarded} badges awarded")


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else "time"

    async def work(tangkas):
        if command == "fill":
            print(f"{await fill()} completions")
        else:
            await time_refresh(tangkas)

    asyncio.run(with_database(settings_from_env(), work))


if __name__ == "__main__":
    main()
