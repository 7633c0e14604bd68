from __future__ import annotations

import msgspec
from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody

from api.http.guards import admin_guard
from api.schemas.points import BadgeIn
from gamification.points.badges import Badges, BadgeView


class BadgeController(Controller):
    path = "/api/v1/badges"
    tags = ["gamification"]

    @get("/")
    async def catalogue(self, request: Request, badges: NamedDependency[Badges]) -> list[BadgeView]:
        """The badges a person of the caller's region can earn, with their criteria."""
        return await badges.catalogue(request.user)


class BadgeAdminController(Controller):
    path = "/api/v1/admin/badges"
    tags = ["admin"]
    guards = [admin_guard]

    @post("/")
    async def create(self, request: Request, data: JSONBody[BadgeIn], badges: NamedDependency[Badges]) -> BadgeView:
        """A badge with declarative criteria, e.g. ``{"kind": "completions", "count": 3, "topic": "keamanan-siber"}``."""
        return await badges.create(request.user, **msgspec.structs.asdict(data))
