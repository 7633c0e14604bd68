"""The xAPI 1.0.3 Learning Record Store subset at /xapi: partners' statements in, by their machine keys."""

from __future__ import annotations

import json
from typing import Annotated

from litestar import Controller, Request, Response, get, post, put
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from api.http.errors import ApiError
from api.http.guards import EXCLUDE_KEY
from api.http.nul_guard import JSON_NUL
from api.http.xapi_protocol import XapiHeaders, basic_credentials, xapi_guard
from domain.xapi import VERSION
from gamification.xapi.intake import XapiIntake

StatementId = Annotated[str | None, QueryParameter(name="statementId", max_length=36)]
VoidedId = Annotated[str | None, QueryParameter(name="voidedStatementId", max_length=36)]
Intake = NamedDependency[XapiIntake]


async def _json(request: Request) -> object:
    """The body as JSON, refused at the door when PostgreSQL could not store it (NUL, lone surrogates) or it
    nests deeper than the parser goes."""
    body = await request.body()
    if JSON_NUL.search(body):
        raise ApiError(400, "nul_character")
    try:
        payload = json.loads(body)
        json.dumps(payload, ensure_ascii=False).encode()
    except (ValueError, UnicodeError, RecursionError):
        raise ApiError(400, "malformed_json") from None
    return payload


class XapiAboutController(Controller):
    path = "/xapi/about"
    tags = ["xapi"]
    opt = {EXCLUDE_KEY: True}
    middleware = [XapiHeaders()]

    @get("/")
    async def about(self) -> dict:
        """The xAPI versions this LRS speaks (no credentials needed)."""
        return {"version": [VERSION]}


class XapiStatementController(Controller):
    path = "/xapi/statements"
    tags = ["xapi"]
    # a partner's key, not a sign-in: 401 without it, 404 for a statement not theirs, 409 for a reused id
    opt = {EXCLUDE_KEY: True, "openapi_security": [{"PartnerKey": []}], "problems": (401, 404, 409, 413)}
    middleware = [XapiHeaders()]
    guards = [xapi_guard]

    @post("/", status_code=200)
    async def post(self, request: Request, xapi_intake: Intake) -> list[str]:
        """One statement or an array (HTTP Basic with a partner key; X-Experience-API-Version 1.0.x): the ids in
        order. A completed/passed statement on a registered activity by a known person credits JP and XP."""
        return await xapi_intake.post(*basic_credentials(request), await _json(request))

    @put("/", status_code=204)
    async def put(self, request: Request, xapi_intake: Intake, statement_id: StatementId = None) -> None:
        """The statement under ``statementId``: the same again is 204, different content 409."""
        await xapi_intake.put(*basic_credentials(request), statement_id, await _json(request))

    @get("/")
    async def get(
        self, request: Request, xapi_intake: Intake, statement_id: StatementId = None, voided_id: VoidedId = None
    ) -> Response[dict]:
        """A statement of the caller's by ``statementId`` (a voided one by ``voidedStatementId``), else its latest."""
        return Response(await xapi_intake.get(*basic_credentials(request), statement_id, voided_id))
