"""Where a person stands against the year's 20 JP: met, on track for the share of the year gone by, or behind.

The share is measured on the region's calendar (WIB, WITA or WIT), to the microsecond, so the JP due by
now is exact in hundredths: no rounding decides whether someone is behind.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from zoneinfo import ZoneInfo

from domain.errors import InvalidInput
from domain.jp import YEARLY_TARGET_JP

TARGET_CENTI = YEARLY_TARGET_JP * 100


class JpStatus(StrEnum):
    MET = "met"  # at least 20 JP this year
    ON_TRACK = "on_track"  # at least 20 JP × the share of the year gone by
    BEHIND = "behind"


@dataclass(frozen=True)
class JpPace:
    """The year's bar at one moment on a region's calendar."""

    year: int
    elapsed: Fraction  # share of the local year gone by, 0 at 1 January 00:00, just under 1 at 31 December 24:00
    due_centi: int  # the least whole hundredths of JP that are on track now

    @property
    def elapsed_share(self) -> float:
        return round(float(self.elapsed), 4)


def jp_pace(now: dt.datetime, timezone: str) -> JpPace:
    """The share of the local year gone by at ``now`` (aware) in ``timezone``, and the JP due by then."""
    zone = ZoneInfo(timezone)
    year = now.astimezone(zone).year
    start = dt.datetime(year, 1, 1, tzinfo=zone)
    end = dt.datetime(year + 1, 1, 1, tzinfo=zone)
    elapsed = Fraction(_microseconds(now - start), _microseconds(end - start))
    return JpPace(year, elapsed, math.ceil(TARGET_CENTI * elapsed))


def jp_status(earned_centi: int, pace: JpPace) -> JpStatus:
    if earned_centi >= TARGET_CENTI:
        return JpStatus.MET
    if earned_centi >= pace.due_centi:
        return JpStatus.ON_TRACK
    return JpStatus.BEHIND


class UnitSort(StrEnum):
    """How the per-unit JP breakdown is ordered."""

    COMPLIANCE = "compliance"  # least compliant first: the units a BKPSDM must chase
    NAME = "name"


def parse_unit_sort(raw: str) -> UnitSort:
    try:
        return UnitSort(raw)
    except ValueError:
        raise InvalidInput("unit_sort_unknown", allowed=", ".join(UnitSort)) from None


def _microseconds(delta: dt.timedelta) -> int:
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
