"""The national calendar (WIB) of ledger entries, which the national board counts by."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from domain.periods import month_start, week_start, year_start
from domain.timezones import NATIONAL_TIMEZONE
from gamification.storage.tables import Region, XpEntry

NATIONAL_ZONE = ZoneInfo(NATIONAL_TIMEZONE)


async def calendars_in_use() -> list[str]:
    """Every region's time zone, and WIB (the national board's)."""
    zones = set(await Region.select(Region.timezone).output(as_list=True))
    return sorted(zones | {NATIONAL_TIMEZONE})


def national_starts(occurred_at: dt.datetime) -> dict[str, dt.date]:
    day = occurred_at.astimezone(NATIONAL_ZONE).date()
    return {"nweek_start": week_start(day), "nmonth_start": month_start(day), "nyear_start": year_start(day)}


async def backfill_national_periods(batch: int = 5000) -> int:
    """Date the entries written before the national calendar existed; ``tangkas recalc --full`` then adds their totals."""
    done = 0
    while True:
        rows = await XpEntry.select(XpEntry.id, XpEntry.occurred_at).where(XpEntry.nweek_start.is_null()).limit(batch)
        if not rows:
            return done
        by_starts: dict[tuple, list[int]] = defaultdict(list)
        for row in rows:
            occurred_at = row["occurred_at"]
            if isinstance(occurred_at, str):
                occurred_at = dt.datetime.fromisoformat(occurred_at)
            by_starts[tuple(national_starts(occurred_at).items())].append(row["id"])
        for starts, ids in by_starts.items():
            await XpEntry.update({getattr(XpEntry, name): day for name, day in starts}).where(XpEntry.id.is_in(ids))
        done += len(rows)
