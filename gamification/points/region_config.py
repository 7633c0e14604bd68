"""The point rules and levels that govern a region, cached per process and checked by version.

Every change of a region's rules or levels raises ``region.rules_version`` in the transaction that
makes it (a national change raises every region's). A request that needs them reads the version with
its other facts in one statement (the attempt does, with the module) and asks for that version: a
process holding an older one reads them again. So the next request after the commit, in any process,
sees the change, and no message between processes can be lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.rules import RuleVersion
from gamification.points.ledger import rule_versions
from gamification.points.levels import levels_of
from gamification.storage.tables import PointRule


@dataclass(frozen=True)
class RegionConfig:
    version: int
    rules: list[RuleVersion]  # the region's own and the national ones
    levels: list[tuple[int, str]]


_cached: dict[int, RegionConfig] = {}


async def region_config(region_id: int, version: int) -> RegionConfig:
    config = _cached.get(region_id)
    if config is None or config.version != version:
        rules = await rule_versions((PointRule.region == region_id) | PointRule.region.is_null())
        config = _cached[region_id] = RegionConfig(version, rules, await levels_of(region_id))
    return config


def forget_region_configs() -> None:
    """For a database emptied under a running process (the tests): versions start again from 0."""
    _cached.clear()
