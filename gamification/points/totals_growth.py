"""Totals grow by the sums of new ledger entries, in two statements, for one person or thousands.

Both engines call it in the transaction that appended the entries. On PostgreSQL a batch first
inserts the missing totals rows (empty) and then locks its people's rows, each in the order of the
person, so two transactions awarding the same people queue instead of deadlocking; whichever commits
second adds to what the first wrote (a one-person award inserts its row in its upsert: the loser of
``ON CONFLICT`` waits and adds). The
totals therefore stay equal to the ledger's aggregate, which the full recalculation checks.
"""

from __future__ import annotations

import datetime as dt

from gamification.storage.sql_dialect import dialect
from gamification.storage.tables import XpEntry

# Period totals kept per person: on the region's calendar, and on the national one (WIB).
PERIODS = {
    "week": XpEntry.week_start,
    "month": XpEntry.month_start,
    "year": XpEntry.year_start,
    "nweek": XpEntry.nweek_start,
    "nmonth": XpEntry.nmonth_start,
    "nyear": XpEntry.nyear_start,
}
PERIOD_COLUMNS = {period: column._meta.name for period, column in PERIODS.items()}
SUMS = "SUM(d.xp), MAX(d.occurred_at), COUNT(*)"
GROWN = "xp = {t}.xp + excluded.xp, entries = {t}.entries + excluded.entries, region = excluded.region, unit = excluded.unit"


async def grow_totals(
    entries: str, *, args: tuple = (), one_person: bool = False, current: set[dt.date] | None = None
) -> list[dict]:
    """``entries``: a table, or a parenthesised query, holding the new entries (ledger columns), with the
    ``args`` of its placeholders.

    ``one_person``: the entries are one person's. Their totals row needs no lock taken first (the
    upsert locks it before the period rows, as every writer of totals does), and the rows come back
    as written: ``period`` "all" for the all-time total, then the periods' rows. ``current``: the rows
    come back too (for a batch), of the periods only those starting on one of these days (the current
    periods: a backlog's batch writes a whole year's)."""
    sql = dialect()
    returned = one_person or current is not None
    if sql.postgres and not one_person:
        # First the rows of people without one yet, empty, in the order of the person: a row another
        # transaction inserts is waited for here, in that order, and not later by the upsert, after this
        # transaction holds the rows of people further on (two batches side by side would deadlock).
        await XpEntry.raw(
            "INSERT INTO points_total (person, region, unit, xp, reached_at, entries, spent, held)"
            f" SELECT p.id, p.region, p.unit, 0, NULL, 0, 0, 0 FROM person p"
            f" WHERE p.id IN (SELECT person FROM {entries} e)"
            " AND NOT EXISTS (SELECT 1 FROM points_total t WHERE t.person = p.id)"
            " ORDER BY p.id ON CONFLICT (person) DO NOTHING",
            *args,
        )
        await XpEntry.raw(
            f"SELECT id FROM points_total WHERE person IN (SELECT person FROM {entries} e) ORDER BY person FOR UPDATE",
            *args,
        )
    returning = " RETURNING person, xp, reached_at, entries" if returned else ""
    written = await XpEntry.raw(
        "INSERT INTO points_total (person, region, unit, xp, reached_at, entries, spent, held)"
        f" SELECT d.person, p.region, p.unit, {SUMS}, 0, 0 FROM {entries} d JOIN person p ON p.id = d.person"
        " WHERE true GROUP BY d.person, p.region, p.unit"
        f" ON CONFLICT (person) DO UPDATE SET {GROWN.format(t='points_total')},"
        f" reached_at = {sql.later('points_total.reached_at', 'excluded.reached_at')}{returning}",
        *args,
    )
    # the people's region and unit joined once, the sums per period read from that; the rows upserted in
    # the order of the unique key, so each person's rows and index pages are visited together (-20 %)
    columns = ", ".join(f"d.{column}" for column in PERIOD_COLUMNS.values())
    with_people = (
        f"WITH e AS MATERIALIZED (SELECT d.person, d.xp, d.occurred_at, {columns}, p.region, p.unit"
        f" FROM {entries} d JOIN person p ON p.id = d.person) "
    )
    per_period = " UNION ALL ".join(
        f"SELECT d.person, '{period}' AS period, d.{column} AS period_start, d.region, d.unit, {SUMS}"
        f" FROM e d WHERE d.{column} IS NOT NULL GROUP BY d.person, d.{column}, d.region, d.unit"
        for period, column in PERIOD_COLUMNS.items()
    )
    upsert = (
        "INSERT INTO points_period (person, period, period_start, region, unit, xp, reached_at, entries)"
        f" SELECT * FROM ({per_period}) AS sums WHERE true ORDER BY 1, 2, 3"
        f" ON CONFLICT (person, period, period_start) DO UPDATE SET {GROWN.format(t='points_period')},"
        f" reached_at = {sql.later('points_period.reached_at', 'excluded.reached_at')}"
        f"{returning.replace('person,', 'person, period, period_start,')}"
    )
    if current is not None and sql.postgres:  # only the current periods' rows sent back
        days = ", ".join(sql.date(day) for day in sorted(current)) or "NULL"
        upsert = f"{with_people}, written AS ({upsert}) SELECT * FROM written WHERE period_start IN ({days})"
        periods = await XpEntry.raw(upsert, *args)
    else:
        periods = await XpEntry.raw(with_people + upsert, *args)
    if not returned:
        return []
    periods = [_typed(row) for row in periods]
    if current is not None and not sql.postgres:  # PostgreSQL sent back only these already
        periods = [row for row in periods if row["period_start"] in current]
    return [_typed(row | {"period": "all", "period_start": None}) for row in written] + periods


def _typed(row: dict) -> dict:
    """SQLite returns the dates and times of ``RETURNING`` as text."""
    start, reached = row["period_start"], row["reached_at"]
    return row | {
        "period_start": dt.date.fromisoformat(start) if isinstance(start, str) else start,
        "reached_at": dt.datetime.fromisoformat(reached) if isinstance(reached, str) else reached,
    }


def entries_with_ids(ids: list[int]) -> tuple[str, tuple]:
    """The new entries of a per-fact award, as ``grow_totals`` reads them, and the placeholders' arguments.
    On PostgreSQL the ids are one array parameter, so the statements' text is the same for every award:
    prepared once per connection, not parsed and planned again for each attempt (and never crowding the
    connection's cache of prepared statements)."""
    if dialect().postgres:
        return "(SELECT * FROM xp_entry WHERE id = ANY({}))", ([int(i) for i in ids],)
    return f"(SELECT * FROM xp_entry WHERE id IN ({', '.join(str(int(i)) for i in ids)}))", ()
