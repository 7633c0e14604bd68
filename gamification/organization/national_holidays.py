"""Indonesia's national holidays and cuti bersama, as data (national_holidays.toml), in every region's calendar.

A region gets them when it is created (and existing regions by a migration); its admins may remove one
the region works on, or add their own. They are rows of the region's calendar like any other, so a
streak reads them the same way.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from gamification.storage.tables import Holiday

SOURCE = Path(__file__).with_name("national_holidays.toml")


def national_holidays() -> list[tuple[dt.date, str]]:
    with SOURCE.open("rb") as file:
        return [(entry["day"], entry["name"]) for entry in tomllib.load(file)["holiday"]]


async def add_national_holidays(region_id: int) -> int:
    """Add the national days the region's calendar lacks; call inside a unit of work. Returns how many."""
    present = set(await Holiday.select(Holiday.day).where(Holiday.region == region_id).output(as_list=True))
    missing = [Holiday(region=region_id, day=day, name=name) for day, name in national_holidays() if day not in present]
    if missing:
        await Holiday.insert(*missing)
    return len(missing)
