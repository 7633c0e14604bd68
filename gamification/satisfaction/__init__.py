"""The citizens' satisfaction (SKM/IKM of PermenPANRB 14/2017): the index per service point, unit, agency and
region, its CSV, the line on office displays, the manager's view, and unit badges for good service."""

from gamification.storage.exports import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "DisplayIkm": "display_line",
        "IkmReport": "ikm",
        "SatisfactionIndex": "ikm",
        "TeamService": "team",
        "team_service": "team",
        "UnitBadges": "unit_badges",
    },
)
