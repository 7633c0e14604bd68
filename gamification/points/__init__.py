"""The points engine: facts, rules as data, awarding (per fact and in sets), the ledger and totals, the recalculation, levels, streaks, badges."""

from gamification.storage.exports import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "Awarding": "awarding",
        "Badges": "badges",
        "LevelScale": "levels",
        "PointRules": "rules",
        "PointsHistory": "history",
        "ProfileService": "profile",
        "TotalsFollower": "totals_follower",
        "refresh_streaks_around": "learner_refresh",
    },
)
