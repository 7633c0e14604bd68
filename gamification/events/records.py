"""An event as the API shows it, and who may see and organise it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from piccolo.query.functions.aggregate import Count

from domain.access import Actor
from domain.errors import Forbidden, NotFound
from domain.events import Audience, EventStatus, RegistrationStatus, SessionTimes
from domain.jp import jp_value
from domain.roles import Role
from gamification.organization.partners import is_admitted
from gamification.storage.json_column import loaded
from gamification.storage.tables import Event, EventRegistration, EventSession, Person


@dataclass(frozen=True)
class SessionView:
    id: int
    starts_at: dt.datetime
    ends_at: dt.datetime


@dataclass(frozen=True)
class EventView:
    id: int
    region_id: int | None
    partner_org_id: int | None
    organiser_id: int
    title: str
    kind: str
    competency_type: str
    jp: float
    xp: int
    place: str
    online_url: str
    capacity: int | None
    audience: str
    audience_ids: list[int]
    registration_opens_at: dt.datetime | None
    registration_closes_at: dt.datetime
    min_attendance_percent: int
    status: str
    sessions: list[SessionView]
    registered: int
    waitlisted: int
    my_registration: str | None = None  # the caller's: registered, waitlisted, cancelled


async def load_event(event_id: int) -> dict | None:
    return await Event.select().where(Event.id == event_id).first()


async def sessions_of(event_id: int) -> list[SessionView]:
    rows = await EventSession.select().where(EventSession.event == event_id).order_by(EventSession.starts_at)
    return [SessionView(row["id"], row["starts_at"], row["ends_at"]) for row in rows]


def times(session: SessionView) -> SessionTimes:
    return SessionTimes(session.starts_at, session.ends_at)


async def event_view(event: dict, person_id: int | None = None) -> EventView:
    counts = await (
        EventRegistration.select(EventRegistration.status, Count(alias="n"))
        .where(EventRegistration.event == event["id"])
        .group_by(EventRegistration.status)
    )
    by_status = {row["status"]: row["n"] for row in counts}
    mine = None
    if person_id is not None:
        mine = await (
            EventRegistration.select(EventRegistration.status)
            .where((EventRegistration.event == event["id"]) & (EventRegistration.person == person_id))
            .first()
        )
    return EventView(
        id=event["id"],
        region_id=event["region"],
        partner_org_id=event["partner_org"],
        organiser_id=event["organiser"],
        title=event["title"],
        kind=event["kind"],
        competency_type=event["competency_type"],
        jp=jp_value(event["jp_centi"]),
        xp=event["xp"],
        place=event["place"],
        online_url=event["online_url"],
        capacity=event["capacity"],
        audience=event["audience"],
        audience_ids=loaded(event["audience_ids"]),
        registration_opens_at=event["registration_opens_at"],
        registration_closes_at=event["registration_closes_at"],
        min_attendance_percent=event["min_attendance_percent"],
        status=event["status"],
        sessions=await sessions_of(event["id"]),
        registered=by_status.get(RegistrationStatus.REGISTERED, 0),
        waitlisted=by_status.get(RegistrationStatus.WAITLISTED, 0),
        my_registration=mine["status"] if mine else None,
    )


async def organised(actor: Actor, event_id: int) -> dict:
    """The event, if the caller organises it: an admin of its region (a superadmin for a national one),
    or the partner who made it while still admitted there. Others of the region are refused; the rest
    do not see it."""
    event = await load_event(event_id)
    if event is None:
        raise NotFound("event_not_found")
    if await organises(actor, event):
        return event
    if event["region"] is None or actor.sees_region(event["region"]):
        raise Forbidden("organiser_required")
    raise NotFound("event_not_found")


async def organises(actor: Actor, event: dict) -> bool:
    if actor.administers(event["region"]):
        return True
    return (
        Role.PARTNER in actor.roles
        and event["organiser"] == actor.person_id
        and event["region"] is not None
        and await is_admitted(actor.person_id, event["region"])
    )


async def published_for(actor: Actor, event_id: int) -> dict:
    """A published (or cancelled) event of the caller's region or a national one; another region's is not there."""
    event = await load_event(event_id)
    if event is None or event["status"] == EventStatus.DRAFT or event["region"] not in (None, actor.region_id):
        raise NotFound("event_not_found")
    return event


async def person_place(person_id: int) -> dict | None:
    """A person's region, unit, unit path and agency: what the audience and the reach are checked against."""
    return await (
        Person.select(Person.id, Person.region, Person.unit, Person.unit.path, Person.unit.agency, Person.active)
        .where(Person.id == person_id)
        .first()
    )


def in_audience(event: dict, place: dict) -> bool:
    if place is None or place["unit"] is None or event["region"] not in (None, place["region"]):
        return False
    ids = set(loaded(event["audience_ids"]))
    audience = Audience(event["audience"])
    if audience == Audience.UNITS:
        return any(f"/{unit}/" in (place["unit.path"] or "") for unit in ids)
    if audience == Audience.AGENCIES:
        return place["unit.agency"] in ids
    return True


def check_in_audience(event: dict, place: dict, code: str = "event_not_open_to_you") -> None:
    if not in_audience(event, place):
        raise Forbidden(code)
