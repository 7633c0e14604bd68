from __future__ import annotations

from litestar import Controller, Request, get
from litestar.di import NamedDependency

from gamification.profile import Profile, ProfileService


class MeController(Controller):
    path = "/api/v1/me"
    tags = ["me"]

    @get("/")
    async def me(self, request: Request, profiles: NamedDependency[ProfileService]) -> Profile:
        """The signed-in person with roles, unit, agency and region."""
        return await profiles.profile(request.user)
