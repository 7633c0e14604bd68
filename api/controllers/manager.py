"""The manager's day: the inbox, decisions in bulk, the team's progress and JP per unit (both also as CSV)."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, QueryParameter

from api.http.errors import status_of
from api.http.messages import message, preferred_language
from api.http.paging import ListResponse, encode_cursor, list_response, page_request
from api.http.params import Cursor, Limit, OptionalId
from api.schemas.manager import BulkIn, BulkItemOut, BulkOut, ItemProblem, TeamOut
from domain.jp_pace import parse_unit_sort
from gamification.learning.unit_jp import UnitJp, UnitJpBreakdown
from gamification.rewards.manager_desk import BulkItem, Inbox, ManagerDesk

Desk = NamedDependency[ManagerDesk]
Breakdown = NamedDependency[UnitJpBreakdown]
Sort = Annotated[
    str, QueryParameter(max_length=20, description="compliance (least compliant first, the default) or name")
]
Region = Annotated[OptionalId, QueryParameter(description="A superadmin's choice of region (default: all)")]
NO_STORE = {"Cache-Control": "no-store"}


class ManagerController(Controller):
    path = "/api/v1/manager"
    tags = ["manager"]

    @get("/inbox")
    async def inbox(self, request: Request, manager_desk: Desk) -> Inbox:
        """Initiatives to review or verify and redemptions to decide in the caller's scope (never their own),
        oldest first, with counts."""
        return await manager_desk.inbox(request.user)

    @post("/decisions", status_code=200)
    async def decide(self, request: Request, data: JSONBody[BulkIn], manager_desk: Desk) -> BulkOut:
        """Up to 50 decisions (``kind`` redemption, initiative_review or initiative_verify), each with its own result;
        resending the batch is safe."""
        items = [BulkItem(**msgspec.structs.asdict(item)) for item in data.items]
        language = preferred_language(request.headers.get("accept-language"))
        results = []
        for result in await manager_desk.decide_many(request.user, items):
            if result.error is None:
                results.append(BulkItemOut(result.kind, result.id, 200, result.result_status))
            else:
                error = result.error
                problem = ItemProblem(error.code, message(error.code, language, error.params))
                results.append(BulkItemOut(result.kind, result.id, status_of(error), problem=problem))
        return BulkOut(results)

    @get("/team")
    async def team(self, request: Request, manager_desk: Desk, cursor: Cursor = None, limit: Limit = 20) -> TeamOut:
        """The staff in the caller's scope (a head of an agency: the agency; an admin: the region), without admin,
        partner or superadmin accounts: the share who reached 20 JP, and a page of units (by id) with each unit's JP
        and its people's JP this year against 20, completions this month, XP and streak."""
        view = await manager_desk.team(request.user, page_request(cursor, limit))
        return TeamOut.of(view, encode_cursor(view.next_after_id))

    @get("/team.csv", media_type="text/csv", opt={"audit": True})
    async def team_csv(self, request: Request, manager_desk: Desk) -> Response[str]:
        """The team view as CSV (UTF-8, for a spreadsheet)."""
        body = await manager_desk.team_csv(request.user)
        headers = {"Content-Disposition": 'attachment; filename="tim-tangkas.csv"', "Cache-Control": "no-store"}
        return Response("\ufeff" + body, media_type="text/csv; charset=utf-8", headers=headers)

    @get("/units")
    async def units(
        self,
        request: Request,
        unit_jp_breakdown: Breakdown,
        region_id: Region = None,
        sort: Sort = "compliance",
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> ListResponse[UnitJp]:
        """JP this year per unit in the caller's reach (a manager: their unit and below; an admin: their region): staff
        who met 20 JP, are on track for the share of the year gone by, or behind; least compliant first."""
        page = page_request(cursor, limit)
        return list_response(
            await unit_jp_breakdown.units(request.user, region_id=region_id, sort=parse_unit_sort(sort), page=page)
        )

    @get("/units.csv", media_type="text/csv", opt={"audit": True})
    async def units_csv(
        self, request: Request, unit_jp_breakdown: Breakdown, region_id: Region = None, sort: Sort = "compliance"
    ) -> Response[str]:
        """Every unit of the JP breakdown as CSV (UTF-8, for a spreadsheet)."""
        body = await unit_jp_breakdown.units_csv(request.user, region_id=region_id, sort=parse_unit_sort(sort))
        headers = {"Content-Disposition": 'attachment; filename="jp-per-unit.csv"'} | NO_STORE
        return Response("\ufeff" + body, media_type="text/csv; charset=utf-8", headers=headers)
