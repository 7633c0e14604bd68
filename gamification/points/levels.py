"""Levels per region (the national defaults where a region kept none), and who may change them."""

from __future__ import annotations

from dataclasses import dataclass

from domain.access import Actor
from domain.levels import Level, check_levels, level_for
from gamification.storage.administered import administered_region
from gamification.storage.database import unit_of_work
from gamification.storage.regions import raise_rules_version
from gamification.storage.tables import LevelStep


@dataclass(frozen=True)
class LevelStepView:
    number: int
    name: str
    min_xp: int


@dataclass(frozen=True)
class LevelProgress:
    number: int
    name: str
    min_xp: int
    next_name: str | None
    next_min_xp: int | None


async def levels_of(region_id: int | None) -> list[tuple[int, str]]:
    """The region's own levels if it keeps any, else the national ones; read in one query."""
    own = LevelStep.region == region_id if region_id is not None else LevelStep.region.is_null()
    rows = (
        await LevelStep.select(LevelStep.region, LevelStep.min_xp, LevelStep.name)
        .where(own | LevelStep.region.is_null())
        .order_by(LevelStep.min_xp)
    )
    regional = [row for row in rows if row["region"] is not None]
    return [(row["min_xp"], row["name"]) for row in regional or rows]


def progress(xp: int, levels: list[tuple[int, str]]) -> LevelProgress:
    level: Level = level_for(xp, levels)
    following = levels[level.number] if level.number < len(levels) else None
    return LevelProgress(
        level.number, level.name, level.min_xp, following[1] if following else None, following[0] if following else None
    )


class LevelScale:
    async def get(self, actor: Actor, region_id: int | None) -> list[LevelStepView]:
        """The levels of a region the caller administers (their own by default; the national ones for a superadmin)."""
        region_id = actor.administered_region(region_id)
        return [LevelStepView(n, name, min_xp) for n, (min_xp, name) in enumerate(await levels_of(region_id), start=1)]

    async def replace(self, actor: Actor, region_id: int | None, steps: list[tuple[int, str]]) -> list[LevelStepView]:
        """A region admin replaces their region's levels; a superadmin without a region the national defaults."""
        region_id = await administered_region(actor, region_id)
        checked = check_levels(steps)
        async with unit_of_work():
            where = LevelStep.region.is_null() if region_id is None else LevelStep.region == region_id
            await LevelStep.delete().where(where)
            await LevelStep.insert(*[LevelStep(region=region_id, min_xp=min_xp, name=name) for min_xp, name in checked])
            await raise_rules_version(region_id)
        return await self.get(actor, region_id)
