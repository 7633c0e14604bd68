"""Leaderboard and points periods, on local calendar dates: ISO week (from Monday), month, year."""

from __future__ import annotations

import datetime as dt


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def year_start(day: dt.date) -> dt.date:
    return day.replace(month=1, day=1)
