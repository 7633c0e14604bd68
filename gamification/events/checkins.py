"""Checking in to a session with the code the organiser shows: online at once or sent later by a phone
that was offline (within a day of the session's end), keyed by the phone's ``client_id``: a resend
answers the first answer and changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from domain.access import Actor
from domain.attempts import check_client_id
from domain.errors import Conflict, Forbidden, InvalidInput, NotFound, TooManyRequests
from domain.events import LATE_SUBMISSION, MAX_CHECKIN_MISSES, EventStatus, check_scan, checkin_key
from gamification.events.attendance import AttendanceOutcome, attendance_of, outcome_of, record_attendance
from gamification.events.records import SessionView, load_event, times
from gamification.storage.settings import Settings
from gamification.storage.tables import EventAttendance, EventCodeViewer, EventSession

if TYPE_CHECKING:
    from gamification.limits.window_counter import WindowCounter
    from gamification.points.awarding import Awarding

WRONG_CODES = ("checkin_code_invalid", "checkin_code_expired")


class EventCheckins:
    def __init__(self, settings: Settings, awarding: Awarding, counter: WindowCounter) -> None:
        self._key = checkin_key(settings.jwt_secret)
        self._awarding = awarding
        self._misses = counter  # wrong codes per person and session (in Redis when there is one)

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
        if event["organiser"] == actor.person_id or await _saw_code(session_id, actor.person_id):
            raise Forbidden("self_decision")
        await self._scan(actor.person_id, session, code, scanned_at)
        outcome = await record_attendance(
            event, session, actor.person_id, at=scanned_at, awarding=self._awarding, client_id=client_id
        )
        if outcome.refused is not None:
            raise Conflict(outcome.refused)
        return outcome

    async def _scan(self, person_id: int, session: SessionView, code: str, scanned_at: dt.datetime) -> None:
        """The scan checked, counted first so that a burst of guesses sent together is bounded as well; only a
        wrong code stays counted, until check-in to the session can no longer happen."""
        now = dt.datetime.now(dt.timezone.utc)
        key = f"event-checkin-miss:{session.id}:{person_id}"
        window = max(60, int((session.ends_at + LATE_SUBMISSION - now).total_seconds()) + 60)
        misses, seconds_left = await self._misses.add(key, window)
        if misses > MAX_CHECKIN_MISSES:
            raise TooManyRequests("checkin_attempts_exhausted", retry_after=seconds_left)
        try:
            check_scan(self._key, session.id, times(session), code, scanned_at, now)
        except InvalidInput as error:
            if error.code not in WRONG_CODES:
                await self._misses.take_back(key)
            raise
        await self._misses.take_back(key)


async def _saw_code(session_id: int, person_id: int) -> bool:
    where = (EventCodeViewer.session == session_id) & (EventCodeViewer.person == person_id)
    return await EventCodeViewer.exists().where(where)


async def _session_for(actor: Actor, session_id: int) -> tuple[dict, SessionView]:
    row = await EventSession.select().where(EventSession.id == session_id).first()
    event = await load_event(row["event"]) if row is not None else None
    if event is None or event["status"] == EventStatus.DRAFT or event["region"] not in (None, actor.region_id):
        raise NotFound("session_not_found")
    return event, SessionView(row["id"], row["starts_at"], row["ends_at"])
