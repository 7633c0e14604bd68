"""Events (workshops, seminars, webinars, classroom diklat): the organiser's side, the ASN's side
(registering, checking in with the organiser's code, feedback) and a manager's nomination."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Request, Response, delete, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, QueryParameter

from api.http.paging import ListResponse, list_response, page_request
from api.http.params import Cursor, Limit, PathId
from api.http.rate_limit import rate_limited
from api.schemas.events import AttendanceListIn, CheckinIn, EventIn, FeedbackIn, NominationIn
from gamification.events.attendance import AttendanceOutcome
from gamification.events.checkins import EventCheckins
from gamification.events.organising import (
    CheckinCode,
    EventOrganising,
    FeedbackSummary,
    ListItem,
    RegistrationRow,
)
from gamification.events.records import EventView
from gamification.events.registrations import EventRegistrations, FeedbackView, MyEvent, RegistrationView

Organising = NamedDependency[EventOrganising]
Registrations = NamedDependency[EventRegistrations]


class AttendanceListOut(msgspec.Struct):
    results: list[ListItem]


class EventAdminController(Controller):
    path = "/api/v1/admin/events"
    tags = ["events"]

    @post("/")
    async def create(self, request: Request, data: JSONBody[EventIn], event_organising: Organising) -> EventView:
        """A draft: ``kind`` workshop, seminar, webinar or diklat; ``sessions`` as given, or one ``repeat``ed weekly or
        monthly ``repeat_count`` times at the same local time; ``audience`` all, units or agencies (``audience_ids``).
        An admin organises in their region (a superadmin nationally, no ``region_id``), an admitted partner in the
        region named."""
        return await event_organising.create(
            request.user,
            msgspec.structs.asdict(data) | {"sessions": [msgspec.structs.asdict(session) for session in data.sessions]},
        )

    @get("/{event_id:int}")
    async def read(self, request: Request, event_id: PathId, event_organising: Organising) -> EventView:
        """The event with its sessions and the seats taken."""
        return await event_organising.get(request.user, event_id)

    @post("/{event_id:int}/publish", status_code=200)
    async def publish(self, request: Request, event_id: PathId, event_organising: Organising) -> EventView:
        """Open for registration (again: no change)."""
        return await event_organising.publish(request.user, event_id)

    @post("/{event_id:int}/cancel", status_code=200)
    async def cancel(self, request: Request, event_id: PathId, event_organising: Organising) -> EventView:
        """Called off; those registered are told."""
        return await event_organising.cancel(request.user, event_id)

    @get("/{event_id:int}/sessions/{session_id:int}/code")
    async def code(
        self, request: Request, event_id: PathId, session_id: PathId, event_organising: Organising
    ) -> CheckinCode:
        """The check-in code to show now (as a QR code): it changes every ``step_seconds``."""
        return await event_organising.code(request.user, event_id, session_id)

    @post("/{event_id:int}/sessions/{session_id:int}/attendance", status_code=200)
    async def attendance(
        self,
        request: Request,
        event_id: PathId,
        session_id: PathId,
        data: JSONBody[AttendanceListIn],
        event_organising: Organising,
    ) -> AttendanceListOut:
        """The organiser's list of NIPs who attended; a result per NIP (recorded, already_recorded, refused with a
        code). 403 ``self_decision`` when the caller is on it."""
        return AttendanceListOut(await event_organising.record_list(request.user, event_id, session_id, data.nips))

    @get("/{event_id:int}/registrations")
    async def registrations(
        self,
        request: Request,
        event_id: PathId,
        event_organising: Organising,
        status: Annotated[str | None, QueryParameter(max_length=12)] = None,
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> ListResponse[RegistrationRow]:
        """Registrations in the order they came; ``status`` registered, waitlisted or cancelled."""
        return list_response(
            await event_organising.registrations(request.user, event_id, page_request(cursor, limit), status)
        )

    @get("/{event_id:int}/feedback")
    async def feedback(self, request: Request, event_id: PathId, event_organising: Organising) -> FeedbackSummary:
        """The ratings (1-5) and comments, without names."""
        return await event_organising.feedback(request.user, event_id)


class EventController(Controller):
    path = "/api/v1/events"
    tags = ["events"]

    @get("/")
    async def open_to_me(
        self, request: Request, event_registrations: Registrations, cursor: Cursor = None, limit: Limit = 20
    ) -> ListResponse[EventView]:
        """Published events of the caller's region and national ones, open to them, not yet over."""
        return list_response(await event_registrations.open_to_me(request.user, page_request(cursor, limit)))

    @get("/{event_id:int}")
    async def read(self, request: Request, event_id: PathId, event_registrations: Registrations) -> EventView:
        """An event open to the caller, with ``my_registration``."""
        return await event_registrations.read(request.user, event_id)

    @post("/{event_id:int}/registration", status_code=200, opt={"audit": False})
    async def register(
        self, request: Request, event_id: PathId, event_registrations: Registrations
    ) -> RegistrationView:
        """``registered``, or ``waitlisted`` when the seats are taken; again: the same answer."""
        return await event_registrations.register(request.user, event_id)

    @delete("/{event_id:int}/registration", status_code=200, opt={"audit": False})
    async def cancel(self, request: Request, event_id: PathId, event_registrations: Registrations) -> RegistrationView:
        """Until the first session starts; the first person waiting moves up (``promoted_person_id``)."""
        return await event_registrations.cancel(request.user, event_id)

    @post("/{event_id:int}/nominations", status_code=200)
    async def nominate(
        self, request: Request, event_id: PathId, data: JSONBody[NominationIn], event_registrations: Registrations
    ) -> RegistrationView:
        """A manager registers a member of their staff (or puts them on the waiting list)."""
        return await event_registrations.nominate(request.user, event_id, data.person_id)

    @post("/{event_id:int}/feedback", status_code=200, opt={"audit": False})
    async def feedback(
        self, request: Request, event_id: PathId, data: JSONBody[FeedbackIn], event_registrations: Registrations
    ) -> FeedbackView:
        """A rating 1-5 and a comment, after the last session; given again, it replaces the first."""
        return await event_registrations.give_feedback(request.user, event_id, data.rating, data.comment)

    @post("/checkins", guards=[rate_limited("checkin")], opt={"audit": False})
    async def check_in(
        self, request: Request, data: JSONBody[CheckinIn], event_checkins: NamedDependency[EventCheckins]
    ) -> Response[AttendanceOutcome]:
        """The code shown by the organiser, with the moment it was scanned (a phone offline sends it later, within a
        day of the session's end). 201 with ``credited`` true when this completed the event (JP and XP credited now);
        the same ``client_id`` again answers the first answer (200)."""
        outcome = await event_checkins.check_in(
            request.user, data.session_id, data.code, data.scanned_at, data.client_id
        )
        return Response(outcome, status_code=200 if outcome.replayed else 201)


class MyEventsController(Controller):
    path = "/api/v1/me/events"
    tags = ["events"]

    @get("/")
    async def mine(
        self, request: Request, event_registrations: Registrations, cursor: Cursor = None, limit: Limit = 20
    ) -> ListResponse[MyEvent]:
        """The caller's registrations: sessions attended, and whether JP and XP were credited."""
        return list_response(await event_registrations.mine(request.user, page_request(cursor, limit)))
