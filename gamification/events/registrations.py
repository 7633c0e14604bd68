"""The ASN's side of events: those open to them, registering (or the waiting list), cancelling
(the first in line moves up in the same transaction), a manager's nomination, their own events and
feedback after the last session.

Every registration change first bumps the event's row: its lock queues the event's registrations,
so that under any race the seats taken never exceed the capacity."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from piccolo.query.functions.aggregate import Count

from domain.access import Actor
from domain.errors import Conflict, Forbidden, NotFound
from domain.events import EventStatus, RegistrationStatus, check_feedback, check_registration_window
from domain.jp import jp_value
from gamification.events.records import (
    EventView,
    check_in_audience,
    event_view,
    in_audience,
    person_place,
    published_for,
)
from gamification.notifications.inbox import notify
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.tables import Event, EventAttendance, EventFeedback, EventRegistration

SCAN_BATCH = 100
MAX_WRITE_TRIES = 3


@dataclass(frozen=True)
class RegistrationView:
    event_id: int
    person_id: int
    status: str
    nominated_by: int | None
    registered_at: dt.datetime
    promoted_person_id: int | None = None  # on a cancellation: who moved up from the waiting list


@dataclass(frozen=True)
class MyEvent:
    registration_id: int
    event_id: int
    title: str
    kind: str
    status: str  # the registration's
    event_status: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    jp: float
    xp: int
    attended_sessions: int
    credited: bool


@dataclass(frozen=True)
class FeedbackView:
    event_id: int
    rating: int
    comment: str


class EventRegistrations:
    async def open_to_me(self, actor: Actor, page: PageRequest) -> Page[EventView]:
        """Published events of the caller's region and national ones whose last session has not ended, open to them."""
        place = await _learner(actor)
        now = dt.datetime.now(dt.timezone.utc)
        found, after = [], page.after_id or 0
        while len(found) <= page.limit:
            rows = await (
                Event.select()
                .where(
                    (Event.id > after)
                    & (Event.status == EventStatus.PUBLISHED.value)
                    & (Event.ends_at > now)
                    & (Event.region.is_null() | (Event.region == actor.region_id))
                )
                .order_by(Event.id)
                .limit(SCAN_BATCH)
            )
            found += [row for row in rows if in_audience(row, place)]
            if len(rows) < SCAN_BATCH:
                break
            after = rows[-1]["id"]
        views = [await event_view(row, actor.person_id) for row in found[: page.limit + 1]]
        return page_of(views, page, lambda view: view.id)

    async def read(self, actor: Actor, event_id: int) -> EventView:
        place = await _learner(actor)
        event = await published_for(actor, event_id)
        check_in_audience(event, place)
        return await event_view(event, actor.person_id)

    async def register(self, actor: Actor, event_id: int) -> RegistrationView:
        """Registered while seats remain, else on the waiting list; registering again answers the same."""
        place = await _learner(actor)
        event = await published_for(actor, event_id)
        check_in_audience(event, place)
        return await _enrol(event, actor.person_id, nominated_by=None)

    async def nominate(self, actor: Actor, event_id: int, person_id: int) -> RegistrationView:
        """A manager registers a member of their staff (their unit and below; an admin: the region's)."""
        event = await published_for(actor, event_id)
        place = await person_place(person_id)
        if place is None or not place["active"] or place["region"] != actor.region_id or place["unit"] is None:
            raise NotFound("user_not_found")
        actor.check_decides_for(place["region"], place["unit.path"], {person_id})
        check_in_audience(event, place, "event_not_open_to_person")
        return await _enrol(event, person_id, nominated_by=actor.person_id)

    async def cancel(self, actor: Actor, event_id: int) -> RegistrationView:
        """Until the first session starts; the first person waiting moves up into the seat. Again: no change."""
        await _learner(actor)
        event = await published_for(actor, event_id)
        if dt.datetime.now(dt.timezone.utc) >= event["starts_at"]:
            raise Conflict("event_started")
        promoted = None
        async with unit_of_work():
            await _lock(event_id)
            row = await _registration(event_id, actor.person_id)
            if row is None:
                raise Conflict("not_registered")
            if row["status"] != RegistrationStatus.CANCELLED:
                await EventRegistration.update({EventRegistration.status: RegistrationStatus.CANCELLED.value}).where(
                    EventRegistration.id == row["id"]
                )
                if row["status"] == RegistrationStatus.REGISTERED:
                    promoted = await _promote(event)
            row = await _registration(event_id, actor.person_id)
        return _view(row, promoted)

    async def mine(self, actor: Actor, page: PageRequest) -> Page[MyEvent]:
        """The caller's registrations, with the sessions attended and whether JP and XP were credited."""
        where = EventRegistration.person == actor.person_id
        if page.after_id is not None:
            where &= EventRegistration.id > page.after_id
        rows = await (
            EventRegistration.select(
                *EventRegistration.all_columns(),
                *(getattr(EventRegistration.event, name) for name in ("title", "kind", "status", "starts_at")),
                *(getattr(EventRegistration.event, name) for name in ("ends_at", "jp_centi", "xp")),
            )
            .where(where)
            .order_by(EventRegistration.id)
            .limit(page.limit + 1)
        )
        attended = {
            row["event"]: row["n"]
            for row in await EventAttendance.select(EventAttendance.event, Count(alias="n"))
            .where(EventAttendance.person == actor.person_id)
            .group_by(EventAttendance.event)
        }
        items = [
            MyEvent(
                registration_id=row["id"],
                event_id=row["event"],
                title=row["event.title"],
                kind=row["event.kind"],
                status=row["status"],
                event_status=row["event.status"],
                starts_at=row["event.starts_at"],
                ends_at=row["event.ends_at"],
                jp=jp_value(row["event.jp_centi"]),
                xp=row["event.xp"],
                attended_sessions=attended.get(row["event"], 0),
                credited=row["credited_at"] is not None,
            )
            for row in rows
        ]
        return page_of(items, page, lambda item: item.registration_id)

    async def give_feedback(self, actor: Actor, event_id: int, rating: int, comment: str) -> FeedbackView:
        """After the last session, by those registered; given again, it replaces the first."""
        await _learner(actor)
        event = await published_for(actor, event_id)
        rating, comment = check_feedback(rating, comment)
        row = await _registration(event_id, actor.person_id)
        if row is None or row["status"] != RegistrationStatus.REGISTERED:
            raise Conflict("not_registered")
        if dt.datetime.now(dt.timezone.utc) < event["ends_at"]:
            raise Conflict("feedback_too_early")
        where = (EventFeedback.event == event_id) & (EventFeedback.person == actor.person_id)
        for tries_left in reversed(range(MAX_WRITE_TRIES)):
            try:
                async with unit_of_work():
                    if await EventFeedback.exists().where(where):
                        await EventFeedback.update(
                            {EventFeedback.rating: rating, EventFeedback.comment: comment}
                        ).where(where)
                    else:
                        await EventFeedback.insert(
                            EventFeedback(event=event_id, person=actor.person_id, rating=rating, comment=comment)
                        )
                break
            except Exception as error:
                if not is_unique_violation(error) or not tries_left:
                    raise
        return FeedbackView(event_id, rating, comment)


async def _learner(actor: Actor) -> dict:
    if actor.region_id is None or actor.unit_id is None:
        raise Forbidden("learner_only")
    return await person_place(actor.person_id)


async def _lock(event_id: int) -> None:
    await Event.update({Event.revision: Event.revision + 1}).where(Event.id == event_id)


async def _registration(event_id: int, person_id: int) -> dict | None:
    return await (
        EventRegistration.select()
        .where((EventRegistration.event == event_id) & (EventRegistration.person == person_id))
        .first()
    )


async def _enrol(event: dict, person_id: int, nominated_by: int | None) -> RegistrationView:
    if event["status"] == EventStatus.CANCELLED:
        raise Conflict("event_cancelled")
    previous = await _registration(event["id"], person_id)
    if previous is not None and previous["status"] != RegistrationStatus.CANCELLED:
        return _view(previous)
    check_registration_window(
        event["registration_opens_at"], event["registration_closes_at"], dt.datetime.now(dt.timezone.utc)
    )
    for tries_left in reversed(range(MAX_WRITE_TRIES)):
        try:
            async with unit_of_work():
                await _lock(event["id"])
                now = dt.datetime.now(dt.timezone.utc)  # after the lock: the waiting list's order is the lock's
                row = await _registration(event["id"], person_id)
                if row is not None and row["status"] != RegistrationStatus.CANCELLED:
                    return _view(row)
                taken = await EventRegistration.count().where(
                    (EventRegistration.event == event["id"])
                    & (EventRegistration.status == RegistrationStatus.REGISTERED.value)
                )
                full = event["capacity"] is not None and taken >= event["capacity"]
                status = RegistrationStatus.WAITLISTED if full else RegistrationStatus.REGISTERED
                values = {"status": status.value, "nominated_by": nominated_by, "queued_at": now}
                if row is None:
                    await EventRegistration.insert(EventRegistration(event=event["id"], person=person_id, **values))
                else:
                    await EventRegistration.update(values).where(EventRegistration.id == row["id"])
                if nominated_by is not None:
                    await notify(
                        person_id, "event_nominated", f"Anda didaftarkan pada: {event['title']}", event_id=event["id"]
                    )
                return _view(await _registration(event["id"], person_id))
        except Exception as error:
            if not is_unique_violation(error) or not tries_left:
                raise
    raise AssertionError("unreachable")


async def _promote(event: dict) -> int | None:
    """The first person waiting takes the seat just freed."""
    first = await (
        EventRegistration.select(EventRegistration.id, EventRegistration.person)
        .where(
            (EventRegistration.event == event["id"]) & (EventRegistration.status == RegistrationStatus.WAITLISTED.value)
        )
        .order_by(EventRegistration.queued_at)
        .order_by(EventRegistration.id)
        .first()
    )
    if first is None:
        return None
    await EventRegistration.update({EventRegistration.status: RegistrationStatus.REGISTERED.value}).where(
        EventRegistration.id == first["id"]
    )
    await notify(first["person"], "event_seat", f"Anda mendapat kursi: {event['title']}", event_id=event["id"])
    return first["person"]


def _view(row: dict, promoted: int | None = None) -> RegistrationView:
    return RegistrationView(row["event"], row["person"], row["status"], row["nominated_by"], row["queued_at"], promoted)
