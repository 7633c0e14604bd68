"""Each region's holiday calendar, kept by its admins: holidays neither break a streak nor are required."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from domain.access import Actor
from domain.errors import Conflict, InvalidInput, NotFound
from domain.text import check_shown_text
from domain.timezones import local_year
from gamification.storage.administered import administered_region
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.regions import region_timezone
from gamification.storage.tables import Holiday


@dataclass(frozen=True)
class HolidayView:
    id: int
    region_id: int
    day: dt.date
    name: str


HolidaysChanged = Callable[[int, dt.date], Awaitable[object]]  # the region and the day; the streaks follow


class Holidays:
    def __init__(self, changed: HolidaysChanged) -> None:
        self._changed = changed

    async def list(self, actor: Actor, region_id: int | None, year: int | None) -> list[HolidayView]:
        """The region's holidays of a year: by default this year in the region's zone."""
        region_id = await _region(actor, region_id)
        year = year or local_year(await region_timezone(region_id))
        rows = (
            await Holiday.select()
            .where(
                Holiday.region == region_id, Holiday.day >= dt.date(year, 1, 1), Holiday.day <= dt.date(year, 12, 31)
            )
            .order_by(Holiday.day)
        )
        return [HolidayView(r["id"], r["region"], r["day"], r["name"]) for r in rows]

    async def add(self, actor: Actor, region_id: int | None, day: dt.date, name: str) -> HolidayView:
        region_id = await _region(actor, region_id)
        name = " ".join(name.split())
        if not name:
            raise InvalidInput("holiday_name_required")
        check_shown_text(name)
        try:
            async with unit_of_work():
                inserted = await Holiday.insert(Holiday(region=region_id, day=day, name=name)).returning(Holiday.id)
        except Exception as error:
            if is_unique_violation(error):
                raise Conflict("holiday_exists") from None
            raise
        await self._changed(region_id, day)
        return HolidayView(inserted[0]["id"], region_id, day, name)

    async def remove(self, actor: Actor, holiday_id: int) -> None:
        row = await Holiday.select(Holiday.region, Holiday.day).where(Holiday.id == holiday_id).first()
        if row is None or not actor.administers(row["region"]):
            raise NotFound("holiday_not_found")
        await Holiday.delete().where(Holiday.id == holiday_id)
        await self._changed(row["region"], row["day"])


async def _region(actor: Actor, requested: int | None) -> int:
    """Holidays belong to a region; there is no national calendar."""
    region_id = await administered_region(actor, requested)
    if region_id is None:
        raise InvalidInput("region_required")
    return region_id
