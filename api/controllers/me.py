from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Request, Response, get, patch
from litestar.di import NamedDependency
from litestar.params import JSONBody, QueryParameter

from api.http.guards import READS_CALLER_ITSELF
from api.http.paging import ListResponse, encode_cursor, list_response, page_request
from api.http.params import Cursor, Limit
from api.http.rate_limit import rate_limited
from api.schemas.me import MeChanges  # PATCH /me
from gamification.learning.jp_ledger import JpYear
from gamification.learning.my_record import CompletionView, MyRecord
from gamification.organization.my_settings import MySettings, MySettingsView  # PATCH /me
from gamification.organization.personal_data import PersonalData, PersonalExport
from gamification.points.badges import Badges, EarnedBadge
from gamification.points.history import PointEntry, PointsHistory
from gamification.points.profile import Profile, ProfileService


class LearningOut(msgspec.Struct):
    jp: JpYear
    completions: list[CompletionView]
    next_cursor: str | None


class MeController(Controller):
    path = "/api/v1/me"
    tags = ["me"]

    @get("/", opt={READS_CALLER_ITSELF: True})
    async def me(self, request: Request, profile_service: NamedDependency[ProfileService]) -> Profile:
        """The signed-in person with roles, unit, agency and region."""
        return await profile_service.profile(request.user)

    @get("/export", guards=[rate_limited("export")])
    async def export(self, request: Request, personal_data: NamedDependency[PersonalData]) -> Response[PersonalExport]:
        """Everything held about the signed-in person, table by table (UU PDP), without secrets or others' ids."""
        export = await personal_data.export(request.user)
        filename = f"tangkas-data-saya-{export.person_id}.json"
        headers = {"Cache-Control": "no-store", "Content-Disposition": f'attachment; filename="{filename}"'}
        return Response(export, headers=headers)

    @get("/learning")
    async def learning(
        self,
        request: Request,
        my_record: NamedDependency[MyRecord],
        year: Annotated[int | None, QueryParameter(ge=2000, le=2100, description="Default: this year")] = None,
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> LearningOut:
        """JP earned in the calendar year (the region's) against the 20 JP target, and that year's completions."""
        record = await my_record.record(request.user, year, page_request(cursor, limit))
        return LearningOut(record.jp, record.completions.items, encode_cursor(record.completions.next_after_id))

    @get("/points")
    async def points(
        self, request: Request, points_history: NamedDependency[PointsHistory], cursor: Cursor = None, limit: Limit = 20
    ) -> ListResponse[PointEntry]:
        """The caller's XP ledger, newest first: each entry names its fact, rule and rule version."""
        return list_response(await points_history.list(request.user, page_request(cursor, limit)))

    @get("/badges")
    async def badges(self, request: Request, badges: NamedDependency[Badges]) -> list[EarnedBadge]:
        """Badges the caller earned, with why."""
        return await badges.mine(request.user)

    # PATCH /me: the caller's own settings
    @patch("/", opt={"audit": False})
    async def change(
        self, request: Request, data: JSONBody[MeChanges], my_settings: NamedDependency[MySettings]
    ) -> MySettingsView:
        """Changes only the fields sent: the name hidden on boards and displays, push on or off, muted kinds."""
        return await my_settings.update(request.user, **data.changes())

    @get("/settings")
    async def settings(self, request: Request, my_settings: NamedDependency[MySettings]) -> MySettingsView:
        """The caller's own settings, as ``PATCH /me`` changes them."""
        return await my_settings.get(request.user)
