"""One person attending one session, by code or on the organiser's list, and the credit it may
complete: JP and XP once, when the sessions attended reach the event's minimum.

Every attendance of a person at an event first bumps their registration row: its lock queues their
check-ins, so two sessions checked in at once both count and the credit is given by exactly one of
them (the unique keys of the JP ledger and of the fact hold it once besides)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from domain.attempts import local_date
from domain.events import AttendanceMethod, RegistrationStatus, attended_enough, required_sessions
from domain.jp import jp_value
from domain.rules import FactKind
from gamification.events.records import SessionView
from gamification.learning.jp_ledger import JpSource, credit_jp
from gamification.points.facts import record_fact
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.regions import region_timezone
from gamification.storage.tables import EventAttendance, EventRegistration, EventSession, Person

if TYPE_CHECKING:
    from gamification.points.awarding import Awarding

MAX_WRITE_TRIES = 3


@dataclass(frozen=True)
class AttendanceOutcome:
    session_id: int
    scanned_at: dt.datetime | None = None
    attended_sessions: int = 0
    required_sessions: int = 0
    total_sessions: int = 0
    credited: bool = False  # this attendance completed the event: JP and XP credited now
    jp_credited: float = 0.0
    xp_awarded: int = 0
    replayed: bool = False
    refused: str | None = None  # for a list's item: why this person was not recorded


async def attendance_of(session_id: int, person_id: int) -> dict | None:
    return await (
        EventAttendance.select()
        .where((EventAttendance.session == session_id) & (EventAttendance.person == person_id))
        .first()
    )


async def outcome_of(event: dict, row: dict, replayed: bool) -> AttendanceOutcome:
    """What an attendance's answer said (stored with it, so that a resend answers the same)."""
    total = await EventSession.count().where(EventSession.event == event["id"])
    return AttendanceOutcome(
        session_id=row["session"],
        scanned_at=row["scanned_at"],
        attended_sessions=row["attended_count"],
        required_sessions=required_sessions(total, event["min_attendance_percent"]),
        total_sessions=total,
        credited=row["credited"],
        jp_credited=jp_value(event["jp_centi"]) if row["credited"] else 0.0,
        xp_awarded=row["xp_awarded"],
        replayed=replayed,
    )


async def record_attendance(
    event: dict,
    session: SessionView,
    person_id: int,
    *,
    at: dt.datetime,
    awarding: Awarding,
    client_id: str | None = None,
    recorded_by: int | None = None,
) -> AttendanceOutcome:
    """Record it (once: a second time answers the first), crediting the event when it completes it."""
    for tries_left in reversed(range(MAX_WRITE_TRIES)):
        try:
            async with unit_of_work():
                registration = (
                    await EventRegistration.update({EventRegistration.revision: EventRegistration.revision + 1})
                    .where(
                        (EventRegistration.event == event["id"])
                        & (EventRegistration.person == person_id)
                        & (EventRegistration.status == RegistrationStatus.REGISTERED.value)
                    )
                    .returning(EventRegistration.id, EventRegistration.credited_at)
                )
                if not registration:
                    return AttendanceOutcome(session.id, refused="not_registered")
                previous = await attendance_of(session.id, person_id)
                if previous is not None:
                    return await outcome_of(event, previous, replayed=True)
                if client_id is not None and await EventAttendance.exists().where(
                    (EventAttendance.person == person_id) & (EventAttendance.client_id == client_id)
                ):
                    return AttendanceOutcome(session.id, refused="client_id_reused")
                return await _record(event, session, person_id, at, registration[0], awarding, client_id, recorded_by)
        except Exception as error:
            if not is_unique_violation(error) or not tries_left:
                raise
    raise AssertionError("unreachable")


async def _record(event, session, person_id, at, registration, awarding, client_id, recorded_by) -> AttendanceOutcome:
    inserted = await EventAttendance.insert(
        EventAttendance(
            session=session.id,
            event=event["id"],
            person=person_id,
            method=(AttendanceMethod.CODE if recorded_by is None else AttendanceMethod.LIST).value,
            client_id=client_id,
            recorded_by=recorded_by,
            scanned_at=at,
        )
    ).returning(EventAttendance.id)
    attended = await EventAttendance.count().where(
        (EventAttendance.event == event["id"]) & (EventAttendance.person == person_id)
    )
    total = await EventSession.count().where(EventSession.event == event["id"])
    credited, xp = False, 0
    if registration["credited_at"] is None and attended_enough(attended, total, event["min_attendance_percent"]):
        xp = await _credit(event, person_id, registration["id"], awarding)
        credited = True
    await EventAttendance.update(
        {EventAttendance.attended_count: attended, EventAttendance.credited: credited, EventAttendance.xp_awarded: xp}
    ).where(EventAttendance.id == inserted[0]["id"])
    return await outcome_of(event, await attendance_of(session.id, person_id), replayed=False)


async def _credit(event: dict, person_id: int, registration_id: int, awarding: Awarding) -> int:
    """JP through the JP ledger and XP through the points engine, dated by the last session attended."""
    person = await Person.select(Person.region, Person.unit).where(Person.id == person_id).first()
    timezone = await region_timezone(person["region"])
    last = await (
        EventAttendance.select(EventAttendance.scanned_at)
        .where((EventAttendance.event == event["id"]) & (EventAttendance.person == person_id))
        .order_by(EventAttendance.scanned_at, ascending=False)
        .first()
    )
    at = last["scanned_at"]
    await credit_jp(
        person_id=person_id,
        source=JpSource.WORKSHOP,
        source_id=event["id"],
        title=event["title"][:160],
        competency_type=event["competency_type"],
        jp_centi=event["jp_centi"],
        earned_at=at,
        timezone=timezone,
    )
    fact_id = await record_fact(
        kind=FactKind.WORKSHOP_ATTENDED,
        person_id=person_id,
        source_key=f"event:{event['id']}:{person_id}",
        label=event["title"],
        occurred_at=at,
        local_date=local_date(at, timezone),
        region_id=person["region"],
        unit_id=person["unit"],
        xp=event["xp"],
    )
    awarded = await awarding.after_fact(person_id, fact_id)
    await EventRegistration.update({EventRegistration.credited_at: dt.datetime.now(dt.timezone.utc)}).where(
        EventRegistration.id == registration_id
    )
    return awarded.xp
