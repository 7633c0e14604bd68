"""Checking in to a session with the code the organiser shows: online at once or sent later by a phone
that was offline (within a day of the session's end), keyed by the phone's ``client_id``: a resend
answers the first answer and changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from domain.access import Actor
from domain.attempts import check_client_id
from domain.errors import Conflict, Forbidden, NotFound
from domain.events import EventStatus, check_scan, checkin_key
from gamification.events.attendance import AttendanceOutcome, attendance_of, outcome_of, record_attendance
from gamification.events.records import SessionView, load_event, times
from gamification.storage.settings import Settings
from gamification.storage.tables import EventAttendance, EventSession

if TYPE_CHECKING:
    from gamification.points.awarding import Awarding


class EventCheckins:
    def __init__(self, settings: Settings, awarding: Awarding) -> None:
        self._key = checkin_key(settings.jwt_secret)
        self._awarding = awarding

    async def check_in(
        self, actor: Actor, session_id: int, code: str, scanned_at: dt.datetime, client_id: str
    ) -> AttendanceOutcome:
        """Attendance at a session; the answer says whether it completed the event (JP and XP credited now)."""
        if actor.region_id is None or actor.unit_id is None:
            raise Forbidden("learner_only")
        check_client_id(client_id)
        sent = await (
            EventAttendance.select()
            .where((EventAttendance.person == actor.person_id) & (EventAttendance.client_id == client_id))
            .first()
        )
        if sent is not None and sent["session"] != session_id:
            raise Conflict("client_id_reused")
        event, session = await _session_for(actor, session_id)
        previous = sent or await attendance_of(session_id, actor.person_id)
        if previous is not None:  # a resend, or a second phone: the first answer
            return await outcome_of(event, previous, replayed=True)
        if event["status"] == EventStatus.CANCELLED:
            raise Conflict("event_cancelled")
        if event["organiser"] == actor.person_id:
            raise Forbidden("self_decision")
        check_scan(self._key, session_id, times(session), code, scanned_at, dt.datetime.now(dt.timezone.utc))
        outcome = await record_attendance(
            event, session, actor.person_id, at=scanned_at, awarding=self._awarding, client_id=client_id
        )
        if outcome.refused is not None:
            raise Conflict(outcome.refused)
        return outcome


async def _session_for(actor: Actor, session_id: int) -> tuple[dict, SessionView]:
    row = await EventSession.select().where(EventSession.id == session_id).first()
    event = await load_event(row["event"]) if row is not None else None
    if event is None or event["status"] == EventStatus.DRAFT or event["region"] not in (None, actor.region_id):
        raise NotFound("session_not_found")
    return event, SessionView(row["id"], row["starts_at"], row["ends_at"])
