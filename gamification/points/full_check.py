"""What the nightly full check has already covered (``full_check``), so that it evaluates each fact once.

A fact's ledger entries change only through the engine: a new fact is awarded at once or queued, a
void is awarded at once, a rule change queues every fact it reaches back to (``requeue_facts``).
So a fact evaluated by a complete check needs evaluating again only once new entries were written
for it; the next check takes the facts recorded since (ids above the last one it saw) and queues
the facts whose entries were written since it started. What it would no longer find is a ledger
entry edited by hand in the database after the check that covered it.
"""

from __future__ import annotations

import datetime as dt

from piccolo.query.functions.aggregate import Max

from gamification.points.totals_check import IN_FLIGHT
from gamification.storage.database import unit_of_work
from gamification.storage.sql_dialect import as_datetime, dialect
from gamification.storage.tables import Badge, Fact, FullCheck, PendingFact, Person


async def last_full_check() -> dict | None:
    """The latest complete check: ``facts_through`` and ``started_at``; None if there was none."""
    row = await FullCheck.select().order_by(FullCheck.id, ascending=False).first()
    return None if row is None else row | {"started_at": as_datetime(row["started_at"])}


async def last_fact_id() -> int:
    return (await Fact.select(Max(Fact.id, alias="last")))[0]["last"] or 0


async def requeue_written_since(at: dt.datetime, region_id: int | None) -> None:
    """Queue every fact with ledger entries written since ``at`` (less the time a transaction may take)."""
    sql = dialect()
    written = sql.at_or_after("x.created_at")
    in_region = f" AND x.region = {int(region_id)}" if region_id is not None else ""
    async with unit_of_work():
        await PendingFact.raw(
            f"INSERT INTO pending_fact (fact) SELECT DISTINCT x.fact FROM xp_entry x WHERE {written}{in_region}"
            " ON CONFLICT (fact) DO NOTHING",
            sql.since(at - IN_FLIGHT),
        )


async def record_full_check(facts_through: int, started_at: dt.datetime) -> None:
    async with unit_of_work():
        await FullCheck.delete(force=True)
        await FullCheck.insert(FullCheck(facts_through=facts_through, started_at=started_at))


async def learners_to_check(region_id: int | None, last: dict | None) -> list[int]:
    """Whose streak and badges a check recomputes: everyone with a completion on the first check, on a complete
    one, and when a badge was added or its criteria changed since the last; otherwise only the learners with
    something since the last check that could change either. A fact recorded (every completion, JP credit,
    verified initiative or certificate and milestone comes with one); a streak changed (a late sync, a holiday
    added or removed, the midnight close); a streak freeze given; their record changed (a move to another
    region brings other holidays and badges). Neither a streak nor a badge follows XP, so a rule change's
    entries need no one here. A fact still uncommitted when the last check read ``facts_through`` (an id
    below it) is not taken: such a fact came with its own streak and badges (an attempt, an approval, a
    sync), and one imported in bulk meanwhile waits for the Sunday complete check, as do holidays or time
    zones changed outside the admin's routes (a migration) and a deploy that changes the rules of streaks or
    badges: run ``tangkas recalc --complete`` after such a change."""
    sql = dialect()
    in_region = f" AND p.region = {int(region_id)}" if region_id is not None else ""
    learners = f"SELECT DISTINCT c.person FROM completion c JOIN person p ON p.id = c.person WHERE true{in_region}"
    at = None if last is None else sql.since(last["started_at"] - IN_FLIGHT)
    if at is None or await _badges_changed_since(at):
        return await _people(f"{learners} ORDER BY c.person")
    since = sql.at_or_after
    news = (
        "SELECT person FROM fact WHERE id > {}"
        f" UNION SELECT person FROM streak WHERE {since('updated_at')}"
        f" UNION SELECT person FROM streak_freeze WHERE {since('created_at')}"
        f" UNION SELECT id FROM person WHERE {since('updated_at')}"
    )
    return await _people(f"{learners} AND c.person IN ({news}) ORDER BY c.person", last["facts_through"], at, at, at)


async def _badges_changed_since(at: dt.datetime | str) -> bool:
    """A badge added, or its criteria changed, since ``at`` (as ``Dialect.since`` gives it)."""
    sql = dialect()
    changed = f"{sql.at_or_after('created_at')} OR {sql.at_or_after('criteria_changed_at')}"
    return bool(await Badge.raw(f"SELECT id FROM badge WHERE active = {{}} AND ({changed}) LIMIT 1", True, at, at))


async def _people(query: str, *args) -> list[int]:
    return [row["person"] for row in await Person.raw(query, *args)]
