from __future__ import annotations

from litestar import Controller, Request, get
from litestar.di import NamedDependency

from gamification.badges import Badges, BadgeView


class BadgeController(Controller):
    path = "/api/v1/badges"
    tags = ["gamification"]

    @get("/")
    async def catalogue(self, request: Request, badges: NamedDependency[Badges]) -> list[BadgeView]:
        """The badges a person of the caller's region can earn, with their criteria."""
        return await badges.catalogue(request.user)
