"""The unit's side: the complaints in a manager's units (an admin's region), their history, the moves
(in progress, answered, closed) and the link to the innovation initiative that solves the problem.

A move is one conditional UPDATE from the states it starts from, with its ``complaint_event`` row; two
racing managers: one wins, the other gets ``409 complaint_wrong_state``. The same move resent (the phone
lost the answer) answers the complaint as it stands.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.access import Actor, check_oversees_staff
from domain.complaints import MOVES, WAITING, Move, Status, check_answer, check_move
from domain.errors import Conflict, InvalidInput, NotFound
from gamification.complaints.records import COLUMNS, ComplaintView, handled, history, load, view
from gamification.storage.database import unit_of_work
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.reach import decider_reach
from gamification.storage.tables import Complaint, ComplaintEvent, Initiative, Unit

NOTE_MAX = 1000


@dataclass(frozen=True)
class WaitingComplaint:
    """A complaint the unit owes an answer, for the manager's inbox."""

    id: int
    service_name: str
    unit_name: str
    filed_at: dt.datetime
    due_at: dt.datetime


class ComplaintDesk:
    async def list(
        self,
        actor: Actor,
        page: PageRequest,
        *,
        status: str | None = None,
        overdue: bool | None = None,
        unit_id: int | None = None,
    ) -> Page[ComplaintView]:
        """Complaints in the caller's reach, newest first; ``unit_id`` narrows to that unit and below."""
        check_oversees_staff(actor)
        reach = decider_reach(actor, Complaint.region, Complaint.unit.path)
        if reach is None:
            return Page(items=[], next_after_id=None)
        query = Complaint.select(*COLUMNS).where(reach)
        if status is not None:
            query = query.where(Complaint.status == _status(status).value)
        now = dt.datetime.now(dt.timezone.utc)
        waiting = Complaint.status.is_in([s.value for s in WAITING])
        if overdue is True:
            query = query.where(waiting & (Complaint.due_at < now))
        elif overdue is False:
            query = query.where(Complaint.status.not_in([s.value for s in WAITING]) | (Complaint.due_at >= now))
        if unit_id is not None:
            unit = await Unit.select(Unit.path).where(Unit.id == unit_id).first()
            if unit is None:
                return Page(items=[], next_after_id=None)
            query = query.where(Complaint.unit.path.like(f"{unit['path']}%"))
        if page.after_id is not None:
            query = query.where(Complaint.id < page.after_id)
        rows = await query.order_by(Complaint.id, ascending=False).limit(page.limit + 1)
        return page_of([view(row, now) for row in rows], page, lambda item: item.id)

    async def get(self, actor: Actor, complaint_id: int) -> ComplaintView:
        """One complaint with its history (names, not ids)."""
        check_oversees_staff(actor)
        row = await handled(actor, complaint_id)
        return view(row, dt.datetime.now(dt.timezone.utc), await history(complaint_id))

    async def progress(self, actor: Actor, complaint_id: int, note: str = "") -> ComplaintView:
        return await self._move(actor, complaint_id, Move.PROGRESS, note)

    async def answer(self, actor: Actor, complaint_id: int, answer: str) -> ComplaintView:
        """The unit's answer: the citizen reads it by the tracking code."""
        return await self._move(actor, complaint_id, Move.ANSWER, "", answer=check_answer(answer))

    async def close(self, actor: Actor, complaint_id: int, note: str = "") -> ComplaintView:
        return await self._move(actor, complaint_id, Move.CLOSE, note)

    async def link(self, actor: Actor, complaint_id: int, initiative_id: int | None) -> ComplaintView:
        """The initiative of the complaint's region that solves its problem; None unlinks."""
        check_oversees_staff(actor)
        row = await handled(actor, complaint_id)
        title = None
        if initiative_id is not None:
            initiative = (
                await Initiative.select(Initiative.region, Initiative.title, Initiative.unit.path)
                .where(Initiative.id == initiative_id)
                .first()
            )
            if initiative is None or not _within_reach(actor, row, initiative):
                raise NotFound("initiative_not_found")
            title = initiative["title"]
        if row["initiative"] == initiative_id:
            return await self.get(actor, complaint_id)
        note = f"Ditautkan ke inisiatif inovasi “{title}”" if title else "Tautan ke inisiatif inovasi dilepas"
        async with unit_of_work():
            await Complaint.update({Complaint.initiative: initiative_id}).where(Complaint.id == complaint_id)
            await _event(complaint_id, actor, row["status"], row["status"], note)
        return await self.get(actor, complaint_id)

    async def _move(self, actor: Actor, complaint_id: int, move: Move, note: str, answer: str = "") -> ComplaintView:
        check_oversees_staff(actor)
        row = await handled(actor, complaint_id)
        current = Status(row["status"])
        if _already(row, move, actor, answer):
            return await self.get(actor, complaint_id)
        target = check_move(current, move)
        note = " ".join(note.split())[:NOTE_MAX]
        now = dt.datetime.now(dt.timezone.utc)
        changes = {Complaint.status: target.value}
        if move is Move.ANSWER:
            changes |= {Complaint.answer: answer, Complaint.answered_by: actor.person_id, Complaint.answered_at: now}
        if move is Move.CLOSE:
            changes[Complaint.closed_at] = now
        sources, _ = _sources(move)
        async with unit_of_work():
            moved = (
                await Complaint.update(changes)
                .where((Complaint.id == complaint_id) & Complaint.status.is_in(sources))
                .returning(Complaint.id)
            )
            if moved:
                await _event(complaint_id, actor, row["status"], target.value, note, now)
        if not moved:
            latest = await load(complaint_id)
            if not _already(latest, move, actor, answer):
                raise Conflict("complaint_wrong_state", status=latest["status"], move=move.value)
        return await self.get(actor, complaint_id)


async def waiting_for_answer(actor: Actor, limit: int) -> list[WaitingComplaint]:
    """Complaints in the caller's reach the unit still owes an answer, oldest first (the manager's inbox)."""
    reach = decider_reach(actor, Complaint.region, Complaint.unit.path)
    if reach is None:
        return []
    rows = (
        await Complaint.select(
            Complaint.id, Complaint.filed_at, Complaint.due_at, Complaint.service_point.name, Complaint.unit.name
        )
        .where(reach & Complaint.status.is_in([s.value for s in WAITING]))
        .order_by(Complaint.filed_at)
        .limit(limit)
    )
    return [
        WaitingComplaint(r["id"], r["service_point.name"], r["unit.name"], r["filed_at"], r["due_at"]) for r in rows
    ]


def _sources(move: Move) -> tuple[list[str], Status]:
    sources, target = MOVES[move]
    return [s.value for s in sources], target


def _already(row: dict, move: Move, actor: Actor, answer: str) -> bool:
    """This move has happened already: a resend of it (an answer only when the same text by the same person)."""
    _, target = _sources(move)
    if row["status"] != target.value:
        return False
    return move is not Move.ANSWER or (row["answer"] == answer and row["answered_by"] == actor.person_id)


def _status(text: str) -> Status:
    try:
        return Status(text)
    except ValueError:
        raise InvalidInput("complaint_status_unknown", allowed=", ".join(Status)) from None


async def _event(
    complaint_id: int, actor: Actor, from_status: str, to_status: str, note: str, at: dt.datetime | None = None
) -> None:
    await ComplaintEvent.insert(
        ComplaintEvent(
            complaint=complaint_id,
            actor=actor.person_id,
            from_status=from_status,
            to_status=to_status,
            note=note,
            created_at=at or dt.datetime.now(dt.timezone.utc),
        )
    )


def _within_reach(actor: Actor, complaint: dict, initiative: dict) -> bool:
    """An initiative of the complaint's region that the actor oversees (a region admin: any), or one of a unit
    above the complaint's: a manager does not attach another agency's work to their complaints."""
    if initiative["region"] != complaint["region"]:
        return False
    path = initiative["unit.path"] or ""
    return actor.administers(complaint["region"]) or actor.manages(path) or complaint["unit.path"].startswith(path)
