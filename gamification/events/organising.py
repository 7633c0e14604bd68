"""The organiser's side: an event and its sessions, publishing and cancelling, the check-in code,
an attendance list, the registrations and the feedback."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from piccolo.query.functions.aggregate import Count

from domain.access import Actor
from domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from domain.events import (
    STEP_SECONDS,
    Audience,
    EventKind,
    EventStatus,
    RegistrationStatus,
    Repeat,
    SessionTimes,
    check_event_fields,
    check_min_attendance,
    check_registration_times,
    checkin_key,
    checkin_window,
    current_code,
    parse_choice,
    schedule,
)
from domain.jp import parse_jp
from domain.modules import CompetencyType
from domain.roles import Role
from gamification.events.attendance import AttendanceOutcome, record_attendance
from gamification.events.records import EventView, event_view, organised, sessions_of, times
from gamification.notifications.inbox import notify
from gamification.organization.partners import is_admitted
from gamification.storage.database import unit_of_work
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.regions import region_timezone
from gamification.storage.settings import Settings
from gamification.storage.tables import (
    Agency,
    Event,
    EventAttendance,
    EventCodeViewer,
    EventFeedback,
    EventRegistration,
    EventSession,
    Person,
    Unit,
)

if TYPE_CHECKING:
    from gamification.points.awarding import Awarding

MAX_COMMENTS = 200


@dataclass(frozen=True)
class CheckinCode:
    session_id: int
    code: str
    valid_until: dt.datetime
    step_seconds: int
    window_opens_at: dt.datetime
    window_closes_at: dt.datetime


@dataclass(frozen=True)
class ListItem:
    nip: str
    status: str  # recorded, already_recorded, refused
    code: str | None = None
    credited: bool = False


@dataclass(frozen=True)
class RegistrationRow:
    id: int
    person_id: int
    name: str
    nip: str | None
    unit_id: int | None
    status: str
    nominated_by: int | None
    attended_sessions: int
    credited: bool
    registered_at: dt.datetime


@dataclass(frozen=True)
class FeedbackComment:
    rating: int
    comment: str
    created_at: dt.datetime


@dataclass(frozen=True)
class FeedbackSummary:
    event_id: int
    count: int
    mean_rating: float | None
    ratings: dict[str, int]
    comments: list[FeedbackComment]


class EventOrganising:
    def __init__(self, settings: Settings, awarding: Awarding) -> None:
        self._key = checkin_key(settings.jwt_secret)
        self._awarding = awarding

    async def create(self, actor: Actor, fields: dict) -> EventView:
        """A draft event with its sessions, in a region the caller organises for (national: a superadmin)."""
        region_id, partner_org = await _placement(actor, fields["region_id"])
        kind = parse_choice(EventKind, fields["kind"], "event_kind_unknown")
        competency = parse_choice(CompetencyType, fields["competency_type"], "competency_type_unknown")
        audience = parse_choice(Audience, fields["audience"], "event_audience_unknown")
        title = check_event_fields(fields["title"], fields["xp"])
        jp_centi = parse_jp(fields["jp"])
        if fields["online_url"].strip() and not fields["online_url"].strip().startswith(("https://", "http://")):
            raise InvalidInput("event_online_url")
        ids = await _audience_ids(audience, fields["audience_ids"], region_id)
        repeat = parse_choice(Repeat, fields["repeat"], "event_repeat_unknown")
        given = [SessionTimes(s["starts_at"], s["ends_at"]) for s in fields["sessions"]]
        sessions = schedule(given, repeat, fields["repeat_count"], await region_timezone(region_id))
        closes = fields["registration_closes_at"] or sessions[0].starts_at
        opens = fields["registration_opens_at"]
        check_registration_times(opens, closes)
        if (opens is not None and opens >= closes) or closes > sessions[-1].ends_at:
            raise InvalidInput("event_registration_window")
        async with unit_of_work():
            inserted = await Event.insert(
                Event(
                    region=region_id,
                    partner_org=partner_org,
                    organiser=actor.person_id,
                    title=title,
                    kind=kind.value,
                    competency_type=competency.value,
                    jp_centi=jp_centi,
                    xp=fields["xp"],
                    place=fields["place"].strip(),
                    online_url=fields["online_url"].strip(),
                    capacity=fields["capacity"],
                    audience=audience.value,
                    audience_ids=json.dumps(ids),
                    registration_opens_at=opens,
                    registration_closes_at=closes,
                    min_attendance_percent=check_min_attendance(fields["min_attendance_percent"]),
                    starts_at=sessions[0].starts_at,
                    ends_at=sessions[-1].ends_at,
                )
            ).returning(Event.id)
            event_id = inserted[0]["id"]
            await EventSession.insert(
                *[EventSession(event=event_id, starts_at=s.starts_at, ends_at=s.ends_at) for s in sessions]
            )
        return await self.get(actor, event_id)

    async def get(self, actor: Actor, event_id: int) -> EventView:
        return await event_view(await organised(actor, event_id))

    async def publish(self, actor: Actor, event_id: int) -> EventView:
        """Open for registration; publishing again changes nothing."""
        event = await organised(actor, event_id)
        if event["status"] == EventStatus.CANCELLED:
            raise Conflict("event_cancelled")
        now = dt.datetime.now(dt.timezone.utc)
        await Event.update({Event.status: EventStatus.PUBLISHED.value, Event.published_at: now}).where(
            (Event.id == event_id) & (Event.status == EventStatus.DRAFT.value)
        )
        return await self.get(actor, event_id)

    async def cancel(self, actor: Actor, event_id: int) -> EventView:
        """Called off: no more registrations or check-ins; those registered are told. Again: no change."""
        event = await organised(actor, event_id)
        if event["status"] != EventStatus.CANCELLED:
            async with unit_of_work():
                changed = (
                    await Event.update({Event.status: EventStatus.CANCELLED.value})
                    .where((Event.id == event_id) & (Event.status != EventStatus.CANCELLED.value))
                    .returning(Event.id)
                )
                people = []
                if changed:  # told once, by whoever cancelled first
                    people = (
                        await EventRegistration.select(EventRegistration.person)
                        .where(
                            (EventRegistration.event == event_id)
                            & (EventRegistration.status != RegistrationStatus.CANCELLED.value)
                        )
                        .output(as_list=True)
                    )
                for person_id in people:
                    await notify(
                        person_id, "event_cancelled", f"Kegiatan dibatalkan: {event['title']}", event_id=event_id
                    )
        return await self.get(actor, event_id)

    async def code(self, actor: Actor, event_id: int, session_id: int) -> CheckinCode:
        """The code to show now (as a QR code); it changes every ``step_seconds``."""
        event = await organised(actor, event_id)
        session = await _session_of(event_id, session_id)
        if event["status"] != EventStatus.PUBLISHED:
            raise Conflict("event_not_published")
        await _seen_by(session_id, actor.person_id)  # who saw it may not check in with it
        code, valid_until = current_code(self._key, session_id, dt.datetime.now(dt.timezone.utc))
        opens, closes = checkin_window(times(session))
        return CheckinCode(session_id, code, valid_until, STEP_SECONDS, opens, closes)

    async def record_list(self, actor: Actor, event_id: int, session_id: int, nips: list[str]) -> list[ListItem]:
        """Attendance from the organiser's list of NIPs; each person stands alone. The caller may not be on it."""
        event = await organised(actor, event_id)
        session = await _session_of(event_id, session_id)
        if event["status"] != EventStatus.PUBLISHED:
            raise Conflict("event_not_published")
        now = dt.datetime.now(dt.timezone.utc)
        if now < session.starts_at:
            raise Conflict("session_not_started")
        if len(set(nips)) != len(nips):
            raise InvalidInput("attendance_list_duplicates")
        own = await Person.select(Person.nip).where(Person.id == actor.person_id).first()
        if own is not None and own["nip"] in nips:
            raise Forbidden("self_decision")
        # Only the event's registrants are looked up: the list tells nothing of who else has a NIP.
        people = {
            row["person.nip"]: row["person"]
            for row in await EventRegistration.select(EventRegistration.person, EventRegistration.person.nip).where(
                (EventRegistration.event == event_id) & EventRegistration.person.nip.is_in(nips)
            )
        }
        items = []
        for nip in nips:
            person_id = people.get(nip)
            if person_id is None:
                items.append(ListItem(nip, "refused", "not_registered"))
                continue
            outcome = await record_attendance(
                event, session, person_id, at=session.starts_at, awarding=self._awarding, recorded_by=actor.person_id
            )
            items.append(_list_item(nip, outcome))
        return items

    async def registrations(
        self, actor: Actor, event_id: int, page: PageRequest, status: str | None
    ) -> Page[RegistrationRow]:
        """Who registered, who waits (in the order they will move up), who cancelled."""
        await organised(actor, event_id)
        where = EventRegistration.event == event_id
        if status is not None:
            where &= EventRegistration.status == parse_choice(RegistrationStatus, status, "registration_status_unknown")
        if page.after_id is not None:
            where &= EventRegistration.id > page.after_id
        rows = await (
            EventRegistration.select(
                *EventRegistration.all_columns(),
                EventRegistration.person.name,
                EventRegistration.person.nip,
                EventRegistration.person.unit,
            )
            .where(where)
            .order_by(EventRegistration.id)
            .limit(page.limit + 1)
        )
        attended = {
            row["person"]: row["n"]
            for row in await EventAttendance.select(EventAttendance.person, Count(alias="n"))
            .where(
                (EventAttendance.event == event_id) & EventAttendance.person.is_in([r["person"] for r in rows] or [0])
            )
            .group_by(EventAttendance.person)
        }
        items = [
            RegistrationRow(
                id=row["id"],
                person_id=row["person"],
                name=row["person.name"],
                nip=row["person.nip"],
                unit_id=row["person.unit"],
                status=row["status"],
                nominated_by=row["nominated_by"],
                attended_sessions=attended.get(row["person"], 0),
                credited=row["credited_at"] is not None,
                registered_at=row["queued_at"],
            )
            for row in rows
        ]
        return page_of(items, page, lambda item: item.id)

    async def feedback(self, actor: Actor, event_id: int) -> FeedbackSummary:
        """Ratings and comments, without names."""
        await organised(actor, event_id)
        rows = await (
            EventFeedback.select(EventFeedback.rating, EventFeedback.comment, EventFeedback.created_at)
            .where(EventFeedback.event == event_id)
            .order_by(EventFeedback.id, ascending=False)
        )
        ratings = {str(n): sum(1 for row in rows if row["rating"] == n) for n in range(1, 6)}
        mean = round(sum(row["rating"] for row in rows) / len(rows), 2) if rows else None
        comments = [FeedbackComment(r["rating"], r["comment"], r["created_at"]) for r in rows if r["comment"]]
        return FeedbackSummary(event_id, len(rows), mean, ratings, comments[:MAX_COMMENTS])


def _list_item(nip: str, outcome: AttendanceOutcome) -> ListItem:
    if outcome.refused is not None:
        return ListItem(nip, "refused", outcome.refused)
    return ListItem(nip, "already_recorded" if outcome.replayed else "recorded", credited=outcome.credited)


async def _session_of(event_id: int, session_id: int):
    session = next((s for s in await sessions_of(event_id) if s.id == session_id), None)
    if session is None:
        raise NotFound("session_not_found")
    return session


async def _seen_by(session_id: int, person_id: int) -> None:
    where = (EventCodeViewer.session == session_id) & (EventCodeViewer.person == person_id)
    if not await EventCodeViewer.exists().where(where):
        await EventCodeViewer.insert(EventCodeViewer(session=session_id, person=person_id))


async def _placement(actor: Actor, region_id: int | None) -> tuple[int | None, int | None]:
    """The event's region and partner organisation."""
    if actor.is_admin:
        return actor.administered_region(region_id), None
    if Role.PARTNER in actor.roles:
        if region_id is None:
            raise InvalidInput("event_region_required")
        if not await is_admitted(actor.person_id, region_id):
            raise Forbidden("partner_not_admitted")
        row = await Person.select(Person.partner_org).where(Person.id == actor.person_id).first()
        return region_id, row["partner_org"]
    raise Forbidden("organiser_required")


async def _audience_ids(audience: Audience, ids: list[int], region_id: int | None) -> list[int]:
    ids = sorted(set(ids))
    if audience == Audience.ALL:
        if ids:
            raise InvalidInput("event_audience_ids")
        return []
    if not ids:
        raise InvalidInput("event_audience_ids")
    table = Unit if audience == Audience.UNITS else Agency
    where = table.id.is_in(ids)
    if region_id is not None:
        where &= table.region == region_id
    found = await table.count().where(where)
    if found != len(ids):
        raise InvalidInput("event_audience_ids")
    return ids
