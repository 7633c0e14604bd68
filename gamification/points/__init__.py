"""The points engine: facts, rules as data, awarding (per fact and in sets), the ledger and totals, the recalculation, levels, streaks, badges.

The feature's services, in one import (``from gamification.points import ...``); each is loaded when
first asked for, so that features which use one another's modules never meet half-imported.
"""

from __future__ import annotations

import importlib

_WHERE = {
    "Awarding": "gamification.points.awarding",
    "Badges": "gamification.points.badges",
    "LevelScale": "gamification.points.levels",
    "PointRules": "gamification.points.rules",
    "PointsHistory": "gamification.points.history",
    "ProfileService": "gamification.points.profile",
    "TotalsFollower": "gamification.points.standings_port",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)
