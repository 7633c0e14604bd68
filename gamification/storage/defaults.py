"""National default rules and levels, present in every database (idempotent)."""

from __future__ import annotations

import datetime as dt

from domain.levels import DEFAULT_LEVELS
from domain.rules import DEFAULT_RULES
from gamification.storage.database import unit_of_work
from gamification.storage.tables import LevelStep, PointRule

DEFAULTS_EFFECTIVE_FROM = dt.date(2000, 1, 1)


async def ensure_defaults() -> None:
    async with unit_of_work():
        present = set(await PointRule.select(PointRule.code).where(PointRule.region.is_null()).output(as_list=True))
        missing = [rule for rule in DEFAULT_RULES if rule.code not in present]
        if missing:
            await PointRule.insert(
                *[
                    PointRule(
                        code=rule.code,
                        fact_kind=rule.fact_kind.value,
                        formula=rule.formula.value,
                        params=rule.params,
                        effective_from=DEFAULTS_EFFECTIVE_FROM,
                    )
                    for rule in missing
                ]
            )
        if not await LevelStep.exists().where(LevelStep.region.is_null()):
            await LevelStep.insert(*[LevelStep(min_xp=min_xp, name=name) for min_xp, name in DEFAULT_LEVELS])
