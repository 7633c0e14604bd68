"""Facts recorded for the recalculation to award (an import): each with its row in the pending queue."""

from __future__ import annotations

from gamification.storage.tables import Fact, PendingFact


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
