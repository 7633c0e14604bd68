"""IANA time zones of regions: WIB ``Asia/Jakarta``, WITA ``Asia/Makassar``, WIT ``Asia/Jayapura``."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from domain.errors import InvalidInput

NATIONAL_TIMEZONE = "Asia/Jakarta"  # WIB: days and years of the national scope


@lru_cache(maxsize=1)
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def parse_timezone(name: str) -> ZoneInfo:
    if name not in _known_zones():
        raise InvalidInput("timezone_unknown", timezone=name[:64])
    return ZoneInfo(name)


def local_year(timezone: str, now: dt.datetime | None = None) -> int:
    """The year it is at ``now`` on the calendar of ``timezone``."""
    return (now or dt.datetime.now(dt.timezone.utc)).astimezone(ZoneInfo(timezone)).year


def seconds_to_local_midnight(now: dt.datetime, timezone: str) -> int:
    """Seconds from ``now`` to the next midnight on the calendar of ``timezone`` (at least 1)."""
    zone = ZoneInfo(timezone)
    midnight = dt.datetime.combine(now.astimezone(zone).date() + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    return max(1, int((midnight - now).total_seconds()))
