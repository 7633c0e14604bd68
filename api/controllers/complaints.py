"""Citizens' complaints: filed and followed without signing in, handled by the unit's managers and the
region's admins (the pages for a citizen's phone are in ``complaint_pages.py``)."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Request, Response, delete, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, PathParameter, QueryParameter

from api.http.cross_site import same_site_json
from api.http.guards import EXCLUDE_KEY
from api.http.paging import ListResponse, list_response, page_request
from api.http.params import Cursor, Limit, OptionalId, PathId
from api.http.rate_limit import client_address, rate_limited
from api.schemas.complaints import AnswerIn, ComplaintIn, InitiativeLinkIn, NoteIn
from gamification.complaints.desk import ComplaintDesk
from gamification.complaints.filing import ComplaintFiling
from gamification.complaints.records import CitizenComplaintView, ComplaintView, FiledComplaint

PublicKey = Annotated[str, PathParameter(max_length=64)]
TrackingCode = Annotated[str, PathParameter(max_length=40)]
Desk = NamedDependency[ComplaintDesk]
NO_STORE = {"Cache-Control": "no-store"}


class PublicComplaintController(Controller):
    """No sign-in: what a citizen's phone calls."""

    path = "/api/v1/public"
    tags = ["public"]
    opt = {EXCLUDE_KEY: True, "audit": False, "problems": (404,)}

    @post(
        "/services/{public_key:str}/complaints",
        guards=[same_site_json, rate_limited("complaint")],
        opt={"problems": (403, 404, 415)},
    )
    async def file(
        self,
        request: Request,
        public_key: PublicKey,
        data: JSONBody[ComplaintIn],
        complaint_filing: NamedDependency[ComplaintFiling],
    ) -> Response[FiledComplaint]:
        """File a complaint on a service point: ``body`` (10–2000 characters) and, only with ``contact_consent``, a
        ``contact`` the unit may use (erased after a set time); nothing else about the citizen is kept. The answer
        carries the ``tracking_code`` and the deadline. With ``client_id`` a resend answers the first complaint (200).
        Past a few complaints from one address on one service it is ``429 complaint_daily_cap`` until the region's
        midnight."""
        address = client_address(request)
        filed = await complaint_filing.file(public_key, **msgspec.structs.asdict(data), address=address)
        return Response(filed, status_code=200 if filed.replayed else 201, headers=NO_STORE)

    @get("/complaints/{code:str}", guards=[rate_limited("complaint_lookup")])
    async def track(
        self, code: TrackingCode, complaint_filing: NamedDependency[ComplaintFiling]
    ) -> Response[CitizenComplaintView]:
        """A complaint by its tracking code (any case, spaces or dashes): its state, dates, deadline and the unit's
        answer. Never the contact, never a staff name."""
        return Response(await complaint_filing.track(code), headers=NO_STORE)


class ComplaintController(Controller):
    path = "/api/v1/complaints"
    tags = ["complaints"]

    @get("/")
    async def list(
        self,
        request: Request,
        complaint_desk: Desk,
        status: Annotated[
            str | None, QueryParameter(max_length=20, description="received, in_progress, answered or closed")
        ] = None,
        overdue: Annotated[bool | None, QueryParameter(description="true: past the deadline unanswered")] = None,
        unit_id: OptionalId = None,
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> ListResponse[ComplaintView]:
        """Complaints in the caller's reach (a manager's units, an admin's region), newest first."""
        page = await complaint_desk.list(
            request.user, page_request(cursor, limit), status=status, overdue=overdue, unit_id=unit_id
        )
        return list_response(page)

    @get("/{complaint_id:int}")
    async def read(self, request: Request, complaint_id: PathId, complaint_desk: Desk) -> ComplaintView:
        """One complaint with its history; the contact only as the citizen consented, until it is erased."""
        return await complaint_desk.get(request.user, complaint_id)

    @post("/{complaint_id:int}/progress", status_code=200)
    async def progress(
        self, request: Request, complaint_id: PathId, complaint_desk: Desk, data: JSONBody[NoteIn | None] = None
    ) -> ComplaintView:
        """Received → in progress, with an optional ``note`` for the history. From another state
        ``409 complaint_wrong_state``; sent again, it answers as it stands."""
        return await complaint_desk.progress(request.user, complaint_id, data.note if data else "")

    @post("/{complaint_id:int}/answer", status_code=200)
    async def answer(
        self, request: Request, complaint_id: PathId, data: JSONBody[AnswerIn], complaint_desk: Desk
    ) -> ComplaintView:
        """The unit's ``answer`` (received or in progress → answered): the citizen reads it by the tracking code."""
        return await complaint_desk.answer(request.user, complaint_id, data.answer)

    @post("/{complaint_id:int}/close", status_code=200)
    async def close(
        self, request: Request, complaint_id: PathId, complaint_desk: Desk, data: JSONBody[NoteIn | None] = None
    ) -> ComplaintView:
        """Answered → closed."""
        return await complaint_desk.close(request.user, complaint_id, data.note if data else "")

    @post("/{complaint_id:int}/initiative", status_code=200)
    async def link(
        self, request: Request, complaint_id: PathId, data: JSONBody[InitiativeLinkIn], complaint_desk: Desk
    ) -> ComplaintView:
        """Link the complaint to the innovation initiative (of its region) that solves its problem."""
        return await complaint_desk.link(request.user, complaint_id, data.initiative_id)

    @delete("/{complaint_id:int}/initiative", status_code=200)
    async def unlink(self, request: Request, complaint_id: PathId, complaint_desk: Desk) -> ComplaintView:
        """Remove the link to an initiative."""
        return await complaint_desk.link(request.user, complaint_id, None)
