"""Leaderboards as rules: which board, which period, and how ranks are counted. Pure, no I/O.

A board is a scope (a unit and everything below it, an agency, a region, the whole country) and a
period (ISO week from Monday 00:00, month, year, all-time) on the calendar of its scope: the
region's time zone for unit, agency and region boards, WIB for the national board.

Order: more XP first; among equal XP, whoever reached it first (the time of their latest fact in
the period); then the lower person id, so that every store lists the same order.
Rank is a competition rank: 1 + the number of people with strictly more XP.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from domain.errors import InvalidInput
from domain.periods import month_start, week_start, year_start
from domain.timezones import NATIONAL_TIMEZONE

MAX_LIMIT = 100
EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 1, 1)  # past periods a board may be asked for
MAX_RADIUS = 25


class Scope(StrEnum):
    UNIT = "unit"
    AGENCY = "agency"
    REGION = "region"
    NATIONAL = "national"


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    ALL = "all"


def parse_scope(raw: str) -> Scope:
    try:
        return Scope(raw)
    except ValueError:
        raise InvalidInput("board_scope_unknown", allowed=", ".join(Scope)) from None


def parse_period(raw: str) -> Period:
    try:
        return Period(raw)
    except ValueError:
        raise InvalidInput("board_period_unknown", allowed=", ".join(Period)) from None


def totals_code(scope: Scope, period: Period) -> str:
    """How the period totals of a board are stored: ``week`` on the region's calendar, ``nweek`` on WIB."""
    return f"n{period.value}" if scope is Scope.NATIONAL else period.value


def board_timezone(scope: Scope, region_timezone: str | None) -> str:
    return NATIONAL_TIMEZONE if scope is Scope.NATIONAL or region_timezone is None else region_timezone


def period_start(period: Period, day: dt.date) -> dt.date | None:
    """The first local day of the period holding ``day``; None for all-time."""
    if period is Period.WEEK:
        return week_start(day)
    if period is Period.MONTH:
        return month_start(day)
    if period is Period.YEAR:
        return year_start(day)
    return None


def next_period_start(period: Period, start: dt.date) -> dt.date:
    if period is Period.WEEK:
        return start + dt.timedelta(days=7)
    if period is Period.MONTH:
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    if period is Period.YEAR:
        return start.replace(year=start.year + 1)
    raise ValueError("all-time has no end")


@dataclass(frozen=True)
class PeriodWindow:
    period: Period
    start: dt.date | None  # None: all-time
    timezone: str

    def __hash__(self) -> int:  # boards hash their window; a batch's boards are hashed ten thousands of times
        return self._hash

    @functools.cached_property
    def _hash(self) -> int:
        return hash((self.period, self.start, self.timezone))

    @property
    def starts_at(self) -> dt.datetime | None:
        return None if self.start is None else _local_midnight(self.start, self.timezone)

    @property
    def ends_at(self) -> dt.datetime | None:
        """The first moment after the period (exclusive)."""
        if self.start is None:
            return None
        return _local_midnight(next_period_start(self.period, self.start), self.timezone)

    @property
    def key(self) -> str:
        """A short label: ``2026-W48``, ``2026-11``, ``2026``, ``all``; period badges are keyed by it."""
        if self.start is None:
            return "all"
        if self.period is Period.WEEK:
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.period is Period.MONTH:
            return f"{self.start:%Y-%m}"
        return f"{self.start:%Y}"


@functools.lru_cache(maxsize=1024)  # a batch of standings asks the same few questions thousands of times
def window_at(period: Period, timezone: str, now: dt.datetime) -> PeriodWindow:
    """The period holding the moment ``now`` on the calendar of ``timezone``."""
    return PeriodWindow(period, period_start(period, now.astimezone(ZoneInfo(timezone)).date()), timezone)


def current_starts(zones: list[str], now: dt.datetime) -> dict[str, set[dt.date]]:
    """The starts of the periods holding ``now`` on each of these calendars (the regions'), by the code of
    their period totals: "week", ..., and "nweek", ... on the national calendar (WIB)."""
    starts: dict[str, set[dt.date]] = {}
    for period in (Period.WEEK, Period.MONTH, Period.YEAR):
        starts[period.value] = {window_at(period, zone, now).start for zone in zones}
        starts["n" + period.value] = {window_at(period, NATIONAL_TIMEZONE, now).start}
    return starts


def window_of(period: Period, timezone: str, start: dt.date) -> PeriodWindow:
    """The period starting on ``start``; a date that starts no such period is refused."""
    if period is Period.ALL or period_start(period, start) != start or not EARLIEST <= start <= LATEST:
        raise InvalidInput("board_period_start_invalid", period=period.value)
    return PeriodWindow(period, start, timezone)


def previous_window(window: PeriodWindow) -> PeriodWindow | None:
    """The period just before ``window``; None for all-time."""
    if window.start is None:
        return None
    return PeriodWindow(
        window.period, period_start(window.period, window.start - dt.timedelta(days=1)), window.timezone
    )


def _local_midnight(day: dt.date, timezone: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=ZoneInfo(timezone))


@dataclass(frozen=True, order=True)
class Standing:
    """One person's place on a board; sorting standings gives the board's order."""

    sort_xp: int  # -xp, so that the natural order is best first
    reached_at: dt.datetime
    person_id: int

    @property
    def xp(self) -> int:
        return -self.sort_xp

    @classmethod
    def of(cls, person_id: int, xp: int, reached_at: dt.datetime) -> Standing:
        return cls(-xp, reached_at, person_id)


def competition_ranks(first_position: int, first_rank: int, xps: list[int]) -> list[int]:
    """Ranks of a run of standings in board order.

    The run starts at 0-based ``first_position`` on the board, and its first standing has
    ``first_rank`` (it may share XP with people above the run). A later standing whose XP differs
    from the one before has everyone before it strictly above it.
    """
    ranks: list[int] = []
    for index, xp in enumerate(xps):
        if index == 0:
            ranks.append(first_rank)
        elif xp == xps[index - 1]:
            ranks.append(ranks[-1])
        else:
            ranks.append(first_position + index + 1)
    return ranks


def check_limit(limit: int, maximum: int = MAX_LIMIT, code: str = "board_limit_out_of_range") -> int:
    if not 1 <= limit <= maximum:
        raise InvalidInput(code, max=maximum)
    return limit
