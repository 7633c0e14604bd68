"""Point rules, levels and the holiday calendar of a region, kept by its admins."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Request, delete, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK

from api.http.guards import admin_guard
from api.http.params import OptionalId, PathId
from api.schemas.points import HolidayIn, LevelsIn, RuleChangeIn
from gamification.organization.holidays import Holidays, HolidayView
from gamification.points.levels import LevelScale, LevelStepView
from gamification.points.rules import PointRules, RuleChange, RulePreview, RuleView

OptionalYear = Annotated[int | None, QueryParameter(ge=2000, le=2100)]


class RuleController(Controller):
    path = "/api/v1/admin/rules"
    tags = ["admin"]
    guards = [admin_guard]

    @get("/")
    async def list(
        self, request: Request, point_rules: NamedDependency[PointRules], region_id: OptionalId = None
    ) -> list[RuleView]:
        """Every version of every rule that concerns the region, newest first."""
        return await point_rules.list(request.user, region_id)

    @post("/")
    async def change(
        self, request: Request, data: JSONBody[RuleChangeIn], point_rules: NamedDependency[PointRules]
    ) -> RuleView:
        """A new version of a rule, for facts from ``effective_from`` on; the next recalculation applies it."""
        return await point_rules.change(request.user, RuleChange(**msgspec.structs.asdict(data)))

    @post("/preview", status_code=HTTP_200_OK)
    async def preview(
        self, request: Request, data: JSONBody[RuleChangeIn], point_rules: NamedDependency[PointRules]
    ) -> RulePreview:
        """Who would gain or lose how much XP with this change; nothing is saved."""
        return await point_rules.preview(request.user, RuleChange(**msgspec.structs.asdict(data)))


class LevelController(Controller):
    path = "/api/v1/admin/levels"
    tags = ["admin"]
    guards = [admin_guard]

    @get("/")
    async def list(
        self, request: Request, level_scale: NamedDependency[LevelScale], region_id: OptionalId = None
    ) -> list[LevelStepView]:
        return await level_scale.get(request.user, region_id)

    @put("/")
    async def replace(
        self, request: Request, data: JSONBody[LevelsIn], level_scale: NamedDependency[LevelScale]
    ) -> list[LevelStepView]:
        """Replace the region's levels: thresholds from 0, rising, with names."""
        steps = [(level.min_xp, level.name) for level in data.levels]
        return await level_scale.replace(request.user, data.region_id, steps)


class HolidayController(Controller):
    path = "/api/v1/admin/holidays"
    tags = ["admin"]
    guards = [admin_guard]

    @get("/")
    async def list(
        self,
        request: Request,
        holidays: NamedDependency[Holidays],
        year: OptionalYear = None,
        region_id: OptionalId = None,
    ) -> list[HolidayView]:
        """The region's holidays of the year given, or of this year in the region's time zone."""
        return await holidays.list(request.user, region_id, year)

    @post("/")
    async def add(
        self, request: Request, data: JSONBody[HolidayIn], holidays: NamedDependency[Holidays]
    ) -> HolidayView:
        return await holidays.add(request.user, data.region_id, data.day, data.name)

    @delete("/{holiday_id:int}")
    async def remove(self, request: Request, holiday_id: FromPath[PathId], holidays: NamedDependency[Holidays]) -> None:
        await holidays.remove(request.user, holiday_id)
