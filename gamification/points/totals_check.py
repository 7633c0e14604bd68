"""Which stored totals differ from the ledger, found by the database in one read.

The ledger is aggregated per person (all-time) and per person and period start (six periods),
and set beside ``points_total`` and the period totals (``points_period`` and its archive) in one
full join; a key present on one side only counts as drift unless the stored row is empty (no XP,
never reached).

Archived periods are checked once: a complete check (every region) records, per period kind, the
archive boundary it covered and when it started (``points_period_archived``). A later check reads
the period totals from that boundary on (the current and just-closed periods, and any archived
since), and of the older periods only the keys with ledger entries written since the last check (a
late fact, a rule change reaching back, a repair); a year's total is then compared with the sum of
its months' (themselves compared with the ledger) rather than with this year's whole ledger. The
all-time totals are checked against the whole ledger each time.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from gamification.points.totals_growth import PERIOD_COLUMNS
from gamification.storage.database import current_engine
from gamification.storage.sql_dialect import Dialect, dialect
from gamification.storage.tables import PointsPeriodArchived, XpEntry

ALL_TIME = "all"
CHECK_WORK_MEM = "256MB"  # per connection checking, once a night
# People per statement when everything is checked on PostgreSQL: their ledger grouped by every period
# (about 90 groups a person in a year) is hashed within CHECK_WORK_MEM rather than spilled to disk.
PEOPLE_PER_CHECK = 5_000
# Entries written this long before a check started are taken as seen by it: no transaction lasts this long.
IN_FLIGHT = dt.timedelta(hours=1)
YEAR_OF_MONTHS = {"year": "month", "nyear": "nmonth"}  # the months that make up each calendar's year


@dataclass(frozen=True)
class Checked:
    """Per period kind, the periods starting before this were checked; entries since ``at`` were not."""

    before: dict[str, dt.date]
    at: dt.datetime | None

    @property
    def scoped(self) -> bool:
        """Only what is new since is checked of the archived periods; otherwise everything."""
        return self.at is not None and bool(self.before)


async def drifted_totals(
    region_id: int | None, *, everything: bool = False, parts: int = 1
) -> dict[int, set[tuple[str, dt.date | None]]]:
    """{person: {(period, start)}} for every stored total that differs from the ledger; ("all", None): all-time.
    Archived periods checked before and not written to since are left out, unless ``everything``.
    ``parts``: statements run side by side on PostgreSQL (each runs on one core), each over a range of
    people's ids: ``parts`` ranges, or when everything is checked ranges of ``PEOPLE_PER_CHECK``."""
    sql = dialect()
    checked = Checked({}, None) if everything else await _checked()
    people = [f"person IN (SELECT id FROM person WHERE region = {int(region_id)})"] if region_id is not None else []
    ranges = ["true"]
    if sql.postgres:
        ranges = await (_person_ranges(parts=parts) if checked.scoped else _person_ranges(span=PEOPLE_PER_CHECK))
    side_by_side = asyncio.Semaphore(parts)

    async def drifted_in(in_range: str) -> list[dict]:
        async with side_by_side:
            return await _drifted(sql, " AND ".join(people + [in_range]) or "true", checked)

    found = await asyncio.gather(*(drifted_in(in_range) for in_range in ranges))
    drifted: dict[int, set[tuple[str, dt.date | None]]] = defaultdict(set)
    for rows in found:
        for row in rows:
            if row["period"] != ALL_TIME and row["period"] not in PERIOD_COLUMNS:
                continue  # a row of no period the engine keeps (written by hand): not a total to mend
            start = row["start"]
            if row["period"] == ALL_TIME:
                start = None
            elif isinstance(start, str):
                start = dt.date.fromisoformat(start)
            drifted[row["person"]].add((row["period"], start))
    return drifted


async def _person_ranges(*, parts: int = 1, span: int | None = None) -> list[str]:
    """The people's ids in ``parts`` ranges, or in ranges of ``span`` ids."""
    bounds = (await XpEntry.raw("SELECT MIN(id) AS first, MAX(id) AS last FROM person"))[0]
    if bounds["first"] is None or (span is None and parts == 1):
        return ["true"]
    first, last = bounds["first"], bounds["last"]
    step = span or (last - first) // parts + 1
    return [f"person BETWEEN {start} AND {start + step - 1}" for start in range(first, last + 1, step)]


async def _drifted(sql: Dialect, people: str, checked: Checked) -> list[dict]:
    query, takes_time = _query(sql, people, checked)
    args = [sql.since(checked.at)] if takes_time else []
    if not sql.postgres:
        return await XpEntry.raw(query, *args)
    async with current_engine().transaction():
        # Seven aggregates hashed in memory rather than spilled to disk.
        await XpEntry.raw(f"SET LOCAL work_mem = '{CHECK_WORK_MEM}'")
        await XpEntry.raw("SET LOCAL jit = off")
        if not checked.scoped:
            # The two sides hashed and joined (half the time at national scale) rather than each sorted and
            # merged: the planner misjudges a full join's hash and would choose the merge.
            await XpEntry.raw("SET LOCAL enable_mergejoin = off")
        return await XpEntry.raw(query, *args)


async def mark_checked(started: dt.datetime) -> None:
    """After a complete check that started at ``started``: every period archived before it has been checked."""
    for row in await PointsPeriodArchived.select(PointsPeriodArchived.period, PointsPeriodArchived.starts_before):
        await PointsPeriodArchived.update(
            {PointsPeriodArchived.checked_before: row["starts_before"], PointsPeriodArchived.checked_at: started}
        ).where(PointsPeriodArchived.period == row["period"])


def _query(sql: Dialect, people: str, checked: Checked) -> tuple[str, bool]:
    """The statement, and whether its first placeholder is the time of the last check."""
    sentinel = sql.date(dt.date(1, 1, 1))
    if sql.postgres and not checked.scoped:
        return _compared(_ledger_in_one_pass(people, sentinel), _stored_everything(people, sentinel)), False
    ledger = [
        f"SELECT person, '{ALL_TIME}' AS period, {sentinel} AS start, SUM(xp) AS xp, MAX(occurred_at) AS at"
        f" FROM xp_entry WHERE {people} GROUP BY person"
    ]
    stored = [
        f"SELECT person, '{ALL_TIME}' AS period, {sentinel} AS start, xp, reached_at AS at FROM points_total"
        f" WHERE {people}"
    ]
    scoped = checked.scoped
    for period, column in PERIOD_COLUMNS.items():
        before = checked.before.get(period) if scoped else None
        if before is None:
            in_scope, kept = f"{column} IS NOT NULL", "true"
        else:
            touched = f"(person, {column}) IN (SELECT person, {column} FROM fresh WHERE {column} < {sql.date(before)})"
            in_scope = f"({column} >= {sql.date(before)} OR {touched})"
            kept = f"(period_start >= {sql.date(before)} OR (person, period_start) IN"
            kept += f" (SELECT person, {column} FROM fresh WHERE {column} < {sql.date(before)}))"
        source = "scoped" if scoped else "xp_entry"
        if scoped and period in YEAR_OF_MONTHS:
            # A year's total is its months' (checked against the ledger themselves): not this year's whole ledger.
            year = sql.year_start("period_start")
            ledger.append(
                f"SELECT person, '{period}', {year}, SUM(xp), MAX(reached_at) FROM points_period_every"
                f" WHERE period = '{YEAR_OF_MONTHS[period]}' AND {people} GROUP BY person, {year}"
                f" HAVING {year} >= {sql.date(before)} OR (person, {year}) IN"
                f" (SELECT person, {column} FROM fresh WHERE {column} < {sql.date(before)})"
            )
        else:
            ledger.append(
                f"SELECT person, '{period}', {column}, SUM(xp), MAX(occurred_at)"
                f" FROM {source} WHERE {people} AND {in_scope} GROUP BY person, {column}"
            )
        stored.append(
            f"SELECT person, period, period_start, xp, reached_at FROM points_period_every"
            f" WHERE period = '{period}' AND {kept} AND {people}"
        )
    ctes = ""
    if scoped:
        materialized = "MATERIALIZED " if sql.postgres else ""
        since = sql.at_or_after("created_at")
        columns = ", ".join(PERIOD_COLUMNS.values())
        # The entries of the periods checked each time, and of the older periods' keys written to since.
        recent = " OR ".join(
            f"{column} >= {sql.date(checked.before[p])}"
            f" OR (person, {column}) IN (SELECT person, {column} FROM fresh WHERE {column} < {sql.date(checked.before[p])})"
            for p, column in PERIOD_COLUMNS.items()
            if p not in YEAR_OF_MONTHS
        )
        ctes = (
            f"WITH fresh AS {materialized}(SELECT DISTINCT person, {columns} FROM xp_entry WHERE {since} AND {people}),"
            f" scoped AS {materialized}(SELECT person, xp, occurred_at, {columns} FROM xp_entry x"
            f" WHERE ({recent}) AND {people})"
        )
    return ctes + _compared(" UNION ALL ".join(ledger), " UNION ALL ".join(stored)), scoped


def _compared(ledger: str, stored: str) -> str:
    """The keys (person, period, start) where the ledger's aggregates and the stored totals differ."""
    return f"""
        SELECT COALESCE(l.person, s.person) AS person, COALESCE(l.period, s.period) AS period,
               COALESCE(l.start, s.start) AS start
        FROM ({ledger}) l
        FULL JOIN ({stored}) s ON s.person = l.person AND s.period = l.period AND s.start = l.start
        WHERE CASE WHEN l.person IS NULL THEN s.xp <> 0 OR s.at IS NOT NULL
                   ELSE s.person IS NULL OR s.xp <> l.xp OR s.at IS DISTINCT FROM l.at END
    """


def _ledger_in_one_pass(people: str, sentinel: str) -> str:
    """The ledger's all-time and six period aggregates from one read of it (PostgreSQL's grouping sets),
    instead of one read per aggregate."""
    grouped = list(PERIOD_COLUMNS.items())
    period = " ".join(f"WHEN GROUPING({column}) = 0 THEN '{p}'" for p, column in grouped)
    start = " ".join(f"WHEN GROUPING({column}) = 0 THEN {column}" for _, column in grouped)
    sets = ", ".join(f"(person, {column})" for _, column in grouped)
    return (
        f"SELECT person, CASE {period} ELSE '{ALL_TIME}' END AS period, CASE {start} ELSE {sentinel} END AS start,"
        f" SUM(xp) AS xp, MAX(occurred_at) AS at FROM xp_entry WHERE {people}"
        f" GROUP BY GROUPING SETS ((person), {sets})"
        f" HAVING CASE {start} ELSE {sentinel} END IS NOT NULL"  # an entry without a period's start counts in none
    )


def _stored_everything(people: str, sentinel: str) -> str:
    """Every stored total of these people; a row of any other period (only a hand could write one) is
    left out of what ``drifted_totals`` reports."""
    return (
        f"SELECT person, '{ALL_TIME}' AS period, {sentinel} AS start, xp, reached_at AS at FROM points_total"
        f" WHERE {people} UNION ALL SELECT person, period, period_start, xp, reached_at FROM points_period_every"
        f" WHERE {people}"
    )


async def _checked() -> Checked:
    rows = await PointsPeriodArchived.select(
        PointsPeriodArchived.period, PointsPeriodArchived.checked_before, PointsPeriodArchived.checked_at
    )
    before = {
        row["period"]: dt.date.fromisoformat(row["checked_before"])
        if isinstance(row["checked_before"], str)
        else row["checked_before"]
        for row in rows
        if row["checked_before"] is not None
    }
    times = [row["checked_at"] for row in rows if row["checked_at"] is not None]
    if len(before) < len(PERIOD_COLUMNS) or len(times) < len(PERIOD_COLUMNS):
        return Checked({}, None)  # never checked completely: everything
    at = min(dt.datetime.fromisoformat(t) if isinstance(t, str) else t for t in times)
    return Checked(before, at - IN_FLIGHT)
