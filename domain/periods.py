"""Leaderboard and points periods, on local calendar dates: ISO week (from Monday), month, year."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def year_start(day: dt.date) -> dt.date:
    return day.replace(month=1, day=1)


def local_month_bounds(moment: dt.datetime, timezone: str) -> tuple[dt.datetime, dt.datetime]:
    """The instants (UTC) where the local calendar month holding ``moment`` begins and the next begins."""
    zone = ZoneInfo(timezone)
    first = month_start(moment.astimezone(zone).date())
    following = (first + dt.timedelta(days=31)).replace(day=1)
    return _instant(first, zone), _instant(following, zone)


def _instant(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), zone).astimezone(dt.timezone.utc)
