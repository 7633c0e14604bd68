"""Recording facts for the points engine; each source records a fact once (``source_key``).

A request awards the fact it records at once, in its own transaction (``Awarding.after_fact``), so
nothing is queued for it; a fact recorded to be awarded later (an import) goes into the
recalculation's queue ``pending_fact`` with it.
"""

from __future__ import annotations

import datetime as dt

from domain.rules import FactKind
from gamification.storage.tables import Fact, PendingFact


async def record_fact(
    *,
    kind: FactKind,
    person_id: int,
    source_key: str,
    label: str,
    occurred_at: dt.datetime,
    local_date: dt.date,
    region_id: int | None,
    unit_id: int | None,
    xp: int = 0,
    score: int | None = None,
    first_attempt: bool = False,
    level: str | None = None,
    queued: bool = False,
) -> int:
    """Insert the fact inside the caller's transaction, which awards it; ``queued``: the recalculation will."""
    inserted = await Fact.raw(
        FACT_INSERT,
        kind.value,
        person_id,
        source_key,
        label[:LABEL_LENGTH],
        occurred_at,
        local_date,
        region_id,
        unit_id,
        xp,
        score,
        first_attempt,
        level,
        dt.datetime.now(dt.timezone.utc),
    )
    if queued:
        await PendingFact.insert(PendingFact(fact=inserted[0]["id"]))
    return inserted[0]["id"]


# Hand-written, of constant text (prepared once per connection): an attempt records a fact, and building
# the ORM's insert for it was a worker's time (issue 20).
FACT_INSERT = (
    "INSERT INTO fact (kind, person, source_key, label, occurred_at, local_date, region, unit, xp, score,"
    " first_attempt, level, recorded_at, voided_at) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, NULL)"
    " RETURNING id"
)
LABEL_LENGTH = 160


async def record_fact_unless_taken(
    *, kind: FactKind, person_id: int, source_key: str, level: str, **fields
) -> int | None:
    """``record_fact``, except that a fact whose source key or (person, level) slot another fact holds
    (citizens' praise: domain.praise) is not inserted: None. Nothing fails, so the caller's transaction
    goes on and may try the next slot."""
    inserted = (
        await Fact.insert(_fact(kind=kind, person_id=person_id, source_key=source_key, level=level, **fields))
        .on_conflict(action="DO NOTHING")
        .returning(Fact.id)
    )
    return inserted[0]["id"] if inserted else None


def _fact(
    *,
    kind: FactKind,
    person_id: int,
    source_key: str,
    label: str,
    occurred_at: dt.datetime,
    local_date: dt.date,
    region_id: int | None,
    unit_id: int | None,
    xp: int = 0,
    score: int | None = None,
    first_attempt: bool = False,
    level: str | None = None,
) -> Fact:
    return Fact(
        kind=kind.value,
        person=person_id,
        source_key=source_key,
        label=label[:LABEL_LENGTH],
        occurred_at=occurred_at,
        local_date=local_date,
        region=region_id,
        unit=unit_id,
        xp=xp,
        score=score,
        first_attempt=first_attempt,
        level=level,
    )


async def void_fact(source_key: str, at: dt.datetime) -> tuple[int, int] | None:
    """Take a fact back at its source, inside the caller's transaction: its rules give it nothing from
    now on, and the engine appends the entries that bring what it earned back to zero (the caller
    awards it at once, or the recalculation does). Returns (person, fact), or None when there is none."""
    row = await Fact.select(Fact.id, Fact.person).where(Fact.source_key == source_key).first()
    if row is None:
        return None
    await Fact.update({Fact.voided_at: at}).where((Fact.id == row["id"]) & Fact.voided_at.is_null())
    return row["person"], row["id"]
