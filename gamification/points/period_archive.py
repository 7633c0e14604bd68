"""Period totals of closed periods move out of ``points_period`` into ``points_period_closed``, so the
table every award upserts into holds only the current and the just-closed periods (~6-12 rows a person).

Where a row lives is one rule: a row of period kind K starting before ``points_period_archived.
starts_before`` for K is in the archive, every other in ``points_period``; a key is never in both.
Readers of past periods read the view ``points_period_every`` (both tables). Writers keep writing
``points_period``: a late total (an offline sync within its window, an import, a rule change reaching
back) inserted there for an archived period is moved by the trigger ``points_period_late`` into the
archive, adding to the row already there, in the writer's statement. The move below takes the table
in SHARE ROW EXCLUSIVE mode first: it waits for the transactions writing period totals and holds
new ones back until it commits, so no writer sees one boundary in one statement and another in the
next (each writer's first period write takes the table's ROW EXCLUSIVE lock until it commits).
"""

from __future__ import annotations

import datetime as dt
import logging

from domain.leaderboards import Period, period_start
from gamification.points.totals_growth import PERIOD_COLUMNS
from gamification.storage.database import unit_of_work
from gamification.storage.sql_dialect import dialect
from gamification.storage.tables import PointsPeriodArchived

log = logging.getLogger(__name__)
# A period moves once it ended this long ago: closed in every time zone by then (the close is hourly).
ARCHIVE_AFTER = dt.timedelta(days=2)
COLUMNS = "person, period, period_start, region, unit, xp, reached_at, entries"
MERGED = (
    "ON CONFLICT (person, period, period_start) DO UPDATE SET xp = points_period_closed.xp + excluded.xp,"
    " entries = points_period_closed.entries + excluded.entries, region = excluded.region, unit = excluded.unit,"
    " reached_at = CASE WHEN points_period_closed.reached_at IS NULL"
    " OR excluded.reached_at > points_period_closed.reached_at"
    " THEN excluded.reached_at ELSE points_period_closed.reached_at END"
)


def archive_boundaries(now: dt.datetime) -> dict[str, dt.date]:
    """Per period kind, the start before which every period of that kind has been over ``ARCHIVE_AFTER``."""
    day = (now - ARCHIVE_AFTER).astimezone(dt.timezone.utc).date()
    return {code: period_start(Period(code.removeprefix("n")), day) for code in PERIOD_COLUMNS}


async def archive_closed_periods(now: dt.datetime) -> int:
    """Move the period totals of periods over since ``ARCHIVE_AFTER`` into the archive; the rows moved."""
    sql = dialect()
    boundaries = archive_boundaries(now)
    if not _advancing(await _known(), boundaries):
        return 0  # the hourly run between two moves: no lock taken, no writer held back
    moved = 0
    async with unit_of_work():
        if sql.postgres:
            await _raw("LOCK TABLE points_period IN SHARE ROW EXCLUSIVE MODE")
        known = await _known()
        for code in _advancing(known, boundaries):
            was, before = known.get(code), boundaries[code]
            if was is None:
                await PointsPeriodArchived.insert(PointsPeriodArchived(period=code, starts_before=before))
            else:
                await PointsPeriodArchived.update({PointsPeriodArchived.starts_before: before}).where(
                    PointsPeriodArchived.period == code
                )
            rows = f"FROM points_period WHERE period = {{}} AND period_start < {sql.date(before)}"
            counted = await _raw(f"SELECT COUNT(*) AS n {rows}", code)
            await _raw(f"INSERT INTO points_period_closed ({COLUMNS}) SELECT {COLUMNS} {rows} {MERGED}", code)
            await _raw(f"DELETE {rows}", code)
            moved += int(counted[0]["n"])
    if moved:
        log.info("period totals archived: %d rows", moved)
    return moved


async def _known() -> dict[str, dt.date]:
    rows = await PointsPeriodArchived.select(PointsPeriodArchived.period, PointsPeriodArchived.starts_before)
    return {
        row["period"]: dt.date.fromisoformat(row["starts_before"])
        if isinstance(row["starts_before"], str)
        else row["starts_before"]
        for row in rows
    }


def _advancing(known: dict[str, dt.date], boundaries: dict[str, dt.date]) -> list[str]:
    """The period kinds whose boundary moves on."""
    return [code for code, before in boundaries.items() if known.get(code) is None or known[code] < before]


async def _raw(statement: str, *args) -> list[dict]:
    return await PointsPeriodArchived.raw(statement, *args)
