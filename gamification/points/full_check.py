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
from gamification.storage.tables import Fact, FullCheck, PendingFact


async def last_full_check() -> dict | None:
    """The latest complete check: ``facts_through`` and ``started_at``; None if there was none."""
    row = await FullCheck.select().order_by(FullCheck.id, ascending=False).first()
    return None if row is None else row | {"started_at": as_datetime(row["started_at"])}


async def last_fact_id() -> int:
    return (await Fact.select(Max(Fact.id, alias="last")))[0]["last"] or 0


async def requeue_written_since(at: dt.datetime, region_id: int | None) -> None:
    """Queue every fact with ledger entries written since ``at`` (less the time a transaction may take)."""
    sql = dialect()
    since = at - IN_FLIGHT
    written = f"x.created_at >= {sql.timestamp_param()}" if sql.postgres else "julianday(x.created_at) >= julianday({})"
    in_region = f" AND x.region = {int(region_id)}" if region_id is not None else ""
    async with unit_of_work():
        await PendingFact.raw(
            f"INSERT INTO pending_fact (fact) SELECT DISTINCT x.fact FROM xp_entry x WHERE {written}{in_region}"
            " ON CONFLICT (fact) DO NOTHING",
            since if sql.postgres else since.isoformat(),
        )


async def record_full_check(facts_through: int, started_at: dt.datetime) -> None:
    async with unit_of_work():
        await FullCheck.delete(force=True)
        await FullCheck.insert(FullCheck(facts_through=facts_through, started_at=started_at))
