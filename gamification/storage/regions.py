"""Facts about a region every feature asks for."""

from __future__ import annotations

from domain.timezones import NATIONAL_TIMEZONE
from gamification.storage.tables import Person, Region


async def region_timezone(region_id: int | None) -> str:
    """The region's time zone; WIB for the national scope and people without a region."""
    if region_id is not None:
        row = await Region.select(Region.timezone).where(Region.id == region_id).first()
        if row is not None:
            return row["timezone"]
    return NATIONAL_TIMEZONE


async def raise_rules_version(region_id: int | None) -> None:
    """Call inside the unit of work that changes the point rules or levels of a region (None: the
    national ones, which govern every region): per-process caches read them again
    (gamification/points/region_config.py)."""
    query = Region.update({Region.rules_version: Region.rules_version + 1})
    await (query.where(Region.id == region_id) if region_id is not None else query.where(Region.id > 0))


async def people_placed(person_ids: list[int]) -> dict[int, dict]:
    """Each person's region, unit and the region's time zone (WIB without a region), in one statement."""
    if not person_ids:
        return {}
    rows = await Person.select(
        Person.id, Person.region, Person.unit, Person.region.timezone.as_alias("timezone")
    ).where(Person.id.is_in(person_ids))
    return {row["id"]: row | {"timezone": row["timezone"] or NATIONAL_TIMEZONE} for row in rows}
