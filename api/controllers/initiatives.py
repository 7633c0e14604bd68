"""The innovation-reward scheme: initiatives, their moves, the showcase and replications."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Request, Response, get, patch, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, QueryParameter

from api.http.paging import ListResponse, list_response, page_request
from api.http.params import Cursor, Limit, OptionalId, PathId
from api.schemas.initiatives import (
    CommentIn,
    ImplementationIn,
    InitiativeEditIn,
    InitiativeIn,
    ReplicationIn,
    ReviewIn,
    VerifyIn,
)
from gamification.innovation.initiatives import Initiatives, InitiativeView

Service = NamedDependency[Initiatives]


class InitiativeController(Controller):
    path = "/api/v1/initiatives"
    tags = ["initiatives"]

    @post("/", opt={"audit": False})
    async def create(
        self, request: Request, data: JSONBody[InitiativeIn], initiatives: Service
    ) -> Response[InitiativeView]:
        """A draft: ``category`` service_digitisation, data, automation, citizen_channel or other; ``team`` colleague ids
        (the caller is on the team). With ``client_id`` a resent create answers the first draft (200)."""
        view, replayed = await initiatives.create(request.user, **msgspec.structs.asdict(data))
        return Response(view, status_code=200 if replayed else 201)

    @get("/")
    async def list(
        self,
        request: Request,
        initiatives: Service,
        status: Annotated[str | None, QueryParameter(max_length=20)] = None,
        region: OptionalId = None,
        q: Annotated[str | None, QueryParameter(max_length=100, description="Part of the title or solution")] = None,
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> ListResponse[InitiativeView]:
        """``status=verified`` (or implemented) is the showcase of every region; other states list what the caller
        may see (their team's, their scope's, their region's)."""
        page = await initiatives.list(request.user, page_request(cursor, limit), status, region, q)
        return list_response(page)

    @get("/{initiative_id:int}")
    async def read(self, request: Request, initiative_id: PathId, initiatives: Service) -> InitiativeView:
        """One initiative with its team and every move (who, when, comment)."""
        return await initiatives.get(request.user, initiative_id)

    @patch("/{initiative_id:int}", opt={"audit": False})
    async def edit(
        self, request: Request, initiative_id: PathId, data: JSONBody[InitiativeEditIn], initiatives: Service
    ) -> InitiativeView:
        """The team edits a draft, or one sent back for revision."""
        return await initiatives.update(request.user, initiative_id, **msgspec.structs.asdict(data))

    @post("/{initiative_id:int}/submit", status_code=200, opt={"audit": False})
    async def submit(
        self, request: Request, initiative_id: PathId, data: JSONBody[CommentIn], initiatives: Service
    ) -> InitiativeView:
        """The team submits (again, after a revision); the body may be ``{}``."""
        return await initiatives.submit(request.user, initiative_id, data.comment)

    @post("/{initiative_id:int}/review", status_code=200)
    async def review(
        self, request: Request, initiative_id: PathId, data: JSONBody[ReviewIn], initiatives: Service
    ) -> InitiativeView:
        """``approve``, ``reject`` or ``revise``: a manager over the unit (or the region's admin), not on the team."""
        return await initiatives.review(request.user, initiative_id, data.decision, data.comment)

    @post("/{initiative_id:int}/implementation", status_code=200, opt={"audit": False})
    async def implementation(
        self, request: Request, initiative_id: PathId, data: JSONBody[ImplementationIn], initiatives: Service
    ) -> InitiativeView:
        """The team reports what changed: a summary, before/after metrics and links."""
        return await initiatives.report(request.user, initiative_id, data.summary, data.metrics, data.links)

    @post("/{initiative_id:int}/verify", status_code=200)
    async def verify(
        self, request: Request, initiative_id: PathId, data: JSONBody[VerifyIn], initiatives: Service
    ) -> InitiativeView:
        """``verify`` with ``impact`` unit, agency, region or national (above the unit, a decider at that level), or
        ``return``. A verified initiative earns every team member XP by its impact."""
        return await initiatives.verify(request.user, initiative_id, data.decision, data.impact, data.comment)

    @post("/{initiative_id:int}/replications", status_code=201)
    async def replicate(
        self, request: Request, initiative_id: PathId, data: JSONBody[ReplicationIn], initiatives: Service
    ) -> InitiativeView:
        """Another unit took it up (recorded by its manager or admin): the team earns a bonus once per unit."""
        return await initiatives.replicate(request.user, initiative_id, data.unit_id, data.note)
