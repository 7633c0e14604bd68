"""The manager's day: the inbox, decisions in bulk, the team's progress (also as CSV)."""

from __future__ import annotations

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody

from api.http.errors import status_of
from api.http.messages import message, preferred_language
from api.schemas.manager import BulkIn, BulkItemOut, BulkOut, ItemProblem
from gamification.rewards.manager_desk import BulkItem, Inbox, ManagerDesk, TeamView

Desk = NamedDependency[ManagerDesk]


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
    async def team(self, request: Request, manager_desk: Desk) -> TeamView:
        """Each person in the caller's scope: JP this year against 20, completions this month, XP, streak; and the
        share who reached 20 JP."""
        return await manager_desk.team(request.user)

    @get("/team.csv", media_type="text/csv", opt={"audit": True})
    async def team_csv(self, request: Request, manager_desk: Desk) -> Response[str]:
        """The team view as CSV (UTF-8, for a spreadsheet)."""
        body = await manager_desk.team_csv(request.user)
        headers = {"Content-Disposition": 'attachment; filename="tim-tangkas.csv"', "Cache-Control": "no-store"}
        return Response("\ufeff" + body, media_type="text/csv; charset=utf-8", headers=headers)
