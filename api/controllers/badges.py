from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Request, get, patch, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, QueryParameter

from api.http.guards import admin_guard
from api.http.paging import ListResponse, list_response, page_request
from api.http.params import Cursor, Limit, OptionalId, PathId
from api.schemas.points import BadgeIn, BadgeUpdate
from gamification.points.badge_catalogue import BadgeCatalogue, ManagedBadgeView
from gamification.points.badges import Badges, BadgeView

IncludeRetired = Annotated[bool, QueryParameter(description="Also the retired ones")]


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

    # BKPSDM admin (issue 19): list, edit, retire
    @get("/")
    async def list(
        self,
        request: Request,
        badge_catalogue: NamedDependency[BadgeCatalogue],
        region_id: OptionalId = None,
        include_retired: IncludeRetired = False,
        cursor: Cursor = None,
        limit: Limit = 50,
    ) -> ListResponse[ManagedBadgeView]:
        """The region's badges with how many hold each (a superadmin without ``region_id``: the national ones)."""
        page = page_request(cursor, limit)
        return list_response(await badge_catalogue.list(request.user, region_id, include_retired, page))

    @patch("/{badge_id:int}")
    async def update(
        self,
        request: Request,
        badge_id: PathId,
        data: JSONBody[BadgeUpdate],
        badge_catalogue: NamedDependency[BadgeCatalogue],
    ) -> ManagedBadgeView:
        """Change a badge of the region (a national one: the superadmin); badges already given stay."""
        return await badge_catalogue.update(request.user, badge_id, data.changes())

    @post("/{badge_id:int}/retire", status_code=200)
    async def retire(
        self, request: Request, badge_id: PathId, badge_catalogue: NamedDependency[BadgeCatalogue]
    ) -> ManagedBadgeView:
        """No more awards of the badge; people keep the ones they earned."""
        return await badge_catalogue.retire(request.user, badge_id)
