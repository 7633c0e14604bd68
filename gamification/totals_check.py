"""Which stored totals differ from the ledger, found by the database in one read.

The ledger is aggregated per person (all-time) and per person and period start (six periods),
and set beside ``points_total`` and ``points_period``; a key present on one side only counts as
drift unless the stored row is empty (no XP, never reached).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from gamification.sql_dialect import dialect
from gamification.tables import XpEntry
from gamification.totals_growth import PERIOD_COLUMNS

ALL_TIME = "all"


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
        f" WHERE {people} UNION ALL SELECT person, period, period_start, xp, reached_at FROM points_period"
        f" WHERE {people}"
    )
    rows = await XpEntry.raw(
        f"""
        WITH l AS ({ledger}), s AS ({stored})
        SELECT l.person, l.period, l.start FROM l
        LEFT JOIN s ON s.person = l.person AND s.period = l.period AND s.start = l.start
        WHERE s.person IS NULL OR s.xp <> l.xp OR s.at IS DISTINCT FROM l.at
        UNION
        SELECT s.person, s.period, s.start FROM s
        LEFT JOIN l ON l.person = s.person AND l.period = s.period AND l.start = s.start
        WHERE l.person IS NULL AND (s.xp <> 0 OR s.at IS NOT NULL)
        """,
        *[region_id] * (ledger.count("{}") + stored.count("{}")),
    )
    drifted: dict[int, set[tuple[str, dt.date | None]]] = defaultdict(set)
    for row in rows:
        start = row["start"]
        start = None if row["period"] == ALL_TIME else dt.date.fromisoformat(start) if isinstance(start, str) else start
        drifted[row["person"]].add((row["period"], start))
    return drifted
