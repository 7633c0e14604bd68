"""Facts recorded for the recalculation to award (an import): each with its row in the pending queue."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from domain.rules import FactKind
from gamification.storage.tables import Fact, PendingFact
from tests.awards import this_week_at


async def import_facts(*facts: Fact) -> list[int]:
    """Insert the facts and queue them, as the recalculation finds facts recorded without an award."""
    ids = []
    for start in range(0, len(facts), 1000):  # PostgreSQL takes at most 32767 parameters a statement
        rows = await Fact.insert(*facts[start : start + 1000]).returning(Fact.id)
        ids += [row["id"] for row in rows]
    if ids:
        await PendingFact.insert(*[PendingFact(fact=fact_id) for fact_id in ids])
    return ids


async def queue_facts(fact_ids: list[int]) -> None:
    """Set facts back to pending, as a rule change or a correction does."""
    await PendingFact.insert(*[PendingFact(fact=fact_id) for fact_id in fact_ids]).on_conflict(action="DO NOTHING")


async def pending() -> int:
    return await PendingFact.count()


def imported_completion(region, zone: str, person: int, at: dt.datetime, key: str, xp: int) -> Fact:
    """A module completion recorded by an import (score 80) in ``region``'s head unit, dated in ``zone``."""
    return Fact(
        kind=FactKind.MODULE_COMPLETION.value,
        person=person,
        source_key=key,
        label="Modul impor",
        occurred_at=at,
        local_date=at.astimezone(ZoneInfo(zone)).date(),
        region=region.region_id,
        unit=region.head_unit,
        xp=xp,
        score=80,
    )


async def import_completions(people: list[tuple], count: int, xp_cycle: int) -> dict[int, int]:
    """``count`` queued completions this week over ``people`` ((region world, zone, person) in turn), worth
    1 to ``xp_cycle`` XP; the XP each person should get."""
    expected: dict[int, int] = {}
    rows = []
    for n in range(count):
        region, zone, person = people[n % len(people)]
        at = this_week_at(zone, 0, 8) + dt.timedelta(seconds=n)
        xp = 1 + n % xp_cycle
        expected[person] = expected.get(person, 0) + xp
        rows.append(imported_completion(region, zone, person, at, f"impor:{n}", xp))
    await import_facts(*rows)
    return expected
