"""Which stored totals differ from the ledger, found by the database in one read.

The ledger is aggregated per person (all-time) and per person and period start (six periods),
and set beside ``points_total`` and the period totals (``points_period`` and its archive) in one full join; a key present on one
side only counts as drift unless the stored row is empty (no XP, never reached).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from gamification.points.totals_growth import PERIOD_COLUMNS
from gamification.storage.database import current_engine
from gamification.storage.sql_dialect import dialect
from gamification.storage.tables import XpEntry

ALL_TIME = "all"
CHECK_WORK_MEM = "256MB"  # one connection, once a night


async def drifted_totals(region_id: int | None) -> dict[int, set[tuple[str, dt.date | None]]]:
    """{person: {(period, start)}} for every stored total that differs from the ledger; ("all", None): all-time."""
    sql = dialect()
    sentinel = sql.date(dt.date(1, 1, 1))
    people = "person IN (SELECT id FROM person WHERE region = {})" if region_id is not None else "true"
    ledger = " UNION ALL ".join(
        [
            f"SELECT person, '{ALL_TIME}' AS period, {sentinel} AS start, SUM(xp) AS xp, MAX(occurred_at) AS at"
            f" FROM xp_entry WHERE {people} GROUP BY person",
            *(
                f"SELECT person, '{period}', {column}, SUM(xp), MAX(occurred_at)"
                f" FROM xp_entry WHERE {people} AND {column} IS NOT NULL GROUP BY person, {column}"
                for period, column in PERIOD_COLUMNS.items()
            ),
        ]
    )
    stored = (
        f"SELECT person, '{ALL_TIME}' AS period, {sentinel} AS start, xp, reached_at AS at FROM points_total"
        f" WHERE {people} UNION ALL SELECT person, period, period_start, xp, reached_at FROM points_period_every"
        f" WHERE {people}"
    )
    query = f"""
        SELECT COALESCE(l.person, s.person) AS person, COALESCE(l.period, s.period) AS period,
               COALESCE(l.start, s.start) AS start
        FROM ({ledger}) l
        FULL JOIN ({stored}) s ON s.person = l.person AND s.period = l.period AND s.start = l.start
        WHERE CASE WHEN l.person IS NULL THEN s.xp <> 0 OR s.at IS NOT NULL
                   ELSE s.person IS NULL OR s.xp <> l.xp OR s.at IS DISTINCT FROM l.at END
    """
    args = [region_id] * (ledger.count("{}") + stored.count("{}"))
    if sql.postgres:
        async with current_engine().transaction():
            # Seven aggregates over the whole ledger hashed in memory rather than spilled to disk.
            await XpEntry.raw(f"SET LOCAL work_mem = '{CHECK_WORK_MEM}'")
            await XpEntry.raw("SET LOCAL jit = off")
            rows = await XpEntry.raw(query, *args)
    else:
        rows = await XpEntry.raw(query, *args)
    drifted: dict[int, set[tuple[str, dt.date | None]]] = defaultdict(set)
    for row in rows:
        start = row["start"]
        start = None if row["period"] == ALL_TIME else dt.date.fromisoformat(start) if isinstance(start, str) else start
        drifted[row["person"]].add((row["period"], start))
    return drifted
