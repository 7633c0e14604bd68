"""The recalculation's queue of pending facts (``pending_fact``): who writes it, how a batch takes from it.

A row is written when a fact is recorded to be awarded later (an import, a streak milestone found
at midnight) or set back by a rule change. The batch that awards a fact deletes its row first
thing in its own transaction, so a batch that rolls back (or a run killed half-way) leaves its
facts queued, and two recalculations never take the same fact: on PostgreSQL the second skips
the rows the first holds, on SQLite writers take turns. A request that awards a fact at once
writes no row. Facts are never rewritten to mark them done (no index entries rewritten per fact).
"""

from __future__ import annotations

import datetime as dt

from gamification.storage.sql_dialect import dialect
from gamification.storage.tables import PendingFact


async def requeue_facts(kind: str, since: dt.date, region_id: int | None) -> None:
    """Set the facts a rule change reaches back to pending, in the rule change's transaction.

    A row already queued is touched, not skipped: a batch about to take it waits for this commit
    and then reads the new rule, instead of awarding it under the old one and taking it off the queue.
    """
    sql = dialect()
    in_region = f" AND region = {int(region_id)}" if region_id is not None else ""
    await PendingFact.raw(
        "INSERT INTO pending_fact (fact) SELECT id FROM fact"
        f" WHERE kind = {{}} AND local_date >= {sql.date(since)}{in_region}"
        " ON CONFLICT (fact) DO UPDATE SET fact = excluded.fact",
        kind,
    )


async def pending_count(region_id: int | None = None) -> int:
    if region_id is None:
        return await PendingFact.count()
    return await PendingFact.count().where(PendingFact.fact.region == region_id)


def claim(chosen: str, where: str | None, *, limit: int | None = None, shard: tuple[int, int] | None = None) -> str:
    """The statement that moves the queued facts ``where`` (a condition on ``f``, the fact; None: all)
    into the temporary table ``chosen``, at most ``limit`` of them in id order, and off the queue.
    ``shard`` (k, n): only the facts of people whose id is k modulo n."""
    sql = dialect()
    if sql.postgres and limit is None and where and shard is None:  # a whole range (a backlog's people): no sort
        # the range's fact ids probed in the queue's key, not the queue read whole and hashed: the planner
        # chose the latter for a join, 1-4 s a batch on a queue of 10 million
        return (
            f"WITH claimed AS (DELETE FROM pending_fact WHERE fact = ANY(ARRAY(SELECT f.id FROM fact f WHERE {where}))"
            f" RETURNING fact) INSERT INTO {chosen} (id) SELECT fact FROM claimed"
        )
    picked = "SELECT q.fact FROM pending_fact q"
    picked += f" JOIN fact f ON f.id = q.fact WHERE {where}" if where else " WHERE true"
    if shard is not None:
        # each queued fact's person looked up by its key, in the queue's order until the limit is reached: as
        # a join the planner misjudges the share of people and reads the whole fact table
        picked += f" AND (SELECT s.person FROM fact s WHERE s.id = q.fact) % {int(shard[1])} = {int(shard[0])}"
    picked += " ORDER BY q.fact"
    picked += f" LIMIT {int(limit)}" if limit is not None else ""
    if sql.postgres:
        return (
            f"WITH claimed AS (DELETE FROM pending_fact WHERE fact IN ({picked} FOR UPDATE OF q SKIP LOCKED)"
            f" RETURNING fact) INSERT INTO {chosen} (id) SELECT fact FROM claimed"
        )
    return f"INSERT INTO {chosen} (id) {picked}"


def claimed_off_queue(chosen: str) -> str | None:
    """What SQLite runs after ``claim`` (PostgreSQL's claim deleted them already)."""
    return None if dialect().postgres else f"DELETE FROM pending_fact WHERE fact IN (SELECT id FROM {chosen})"
