"""Facts about a region every feature asks for."""

from __future__ import annotations

from domain.timezones import NATIONAL_TIMEZONE
from gamification.storage.tables import Region


async def region_timezone(region_id: int | None) -> str:
    """The region's time zone; WIB for the national scope and people without a region."""
    if region_id is not None:
        row = await Region.select(Region.timezone).where(Region.id == region_id).first()
        if row is not None:
            return row["timezone"]
    return NATIONAL_TIMEZONE
