"""A complaint as its two kinds of reader see it: the citizen by the tracking code (never the contact, never a
staff name: the answer comes from the unit), and the unit's managers and the region's admins (everything,
the history with names). Anyone else is told it does not exist."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from domain.access import Actor
from domain.complaints import STATUS_WORDS, Status, is_overdue, shown_code
from domain.errors import NotFound
from gamification.storage.tables import Complaint, ComplaintEvent

COLUMNS = (
    *Complaint.all_columns(),
    Complaint.service_point.name,
    Complaint.unit.name,
    Complaint.unit.path,
    Complaint.answered_by.name,
    Complaint.initiative.title,
    Complaint.region.timezone,
)
CITIZEN = "Warga"  # the actor of the filing in the history


@dataclass(frozen=True)
class CitizenComplaintView:
    """What the tracking code shows: the state, the dates and the unit's answer."""

    tracking_code: str
    service_name: str
    unit_name: str
    status: str
    status_label: str
    filed_at: dt.datetime
    due_at: dt.datetime
    due_on: dt.date  # the last day for the answer, on the region's calendar
    overdue: bool
    answer: str | None
    answered_at: dt.datetime | None
    answered_by_unit: str | None
    closed_at: dt.datetime | None
    time_zone: str  # the region's: the dates as the unit keeps them


@dataclass(frozen=True)
class FiledComplaint:
    tracking_code: str
    service_name: str
    status: str
    filed_at: dt.datetime
    due_at: dt.datetime
    due_on: dt.date
    replayed: bool = False


@dataclass(frozen=True)
class ComplaintEventView:
    from_status: str | None
    to_status: str
    by: str  # a name, or "Warga"
    note: str
    at: dt.datetime


@dataclass(frozen=True)
class ComplaintView:
    id: int
    tracking_code: str
    region_id: int
    unit_id: int
    unit_name: str
    service_point_id: int
    service_name: str
    body: str
    status: str
    filed_at: dt.datetime
    due_at: dt.datetime
    due_on: dt.date
    overdue: bool
    answer: str | None
    answered_by: str | None
    answered_at: dt.datetime | None
    closed_at: dt.datetime | None
    initiative_id: int | None
    initiative_title: str | None
    contact: str | None  # only what the citizen consented to, until it is erased
    contact_erase_at: dt.datetime | None
    events: list[ComplaintEventView] | None = None  # in the detail only


async def load(complaint_id: int) -> dict | None:
    return await Complaint.select(*COLUMNS).where(Complaint.id == complaint_id).first()


async def load_by_code(code: str) -> dict | None:
    return await Complaint.select(*COLUMNS).where(Complaint.tracking_code == code).first()


def may_handle(actor: Actor, row: dict) -> bool:
    """The managers over the complaint's unit and its region's admins (a superadmin everywhere)."""
    return actor.administers(row["region"]) or actor.manages(row["unit.path"])


async def handled(actor: Actor, complaint_id: int) -> dict:
    row = await load(complaint_id)
    if row is None or not may_handle(actor, row):
        raise NotFound("complaint_not_found")
    return row


def due_on(row: dict) -> dt.date:
    return row["due_at"].astimezone(ZoneInfo(row["region.timezone"])).date()


def _answered(row: dict) -> bool:
    return Status(row["status"]) in (Status.ANSWERED, Status.CLOSED)


def citizen_view(row: dict, now: dt.datetime) -> CitizenComplaintView:
    status = Status(row["status"])
    answered = _answered(row)
    return CitizenComplaintView(
        tracking_code=shown_code(row["tracking_code"]),
        service_name=row["service_point.name"],
        unit_name=row["unit.name"],
        status=status.value,
        status_label=STATUS_WORDS[status],
        filed_at=row["filed_at"],
        due_at=row["due_at"],
        due_on=due_on(row),
        overdue=is_overdue(status, row["due_at"], now),
        answer=row["answer"] if answered else None,
        answered_at=row["answered_at"] if answered else None,
        answered_by_unit=row["unit.name"] if answered else None,
        closed_at=row["closed_at"],
        time_zone=row["region.timezone"],
    )


def filed_view(row: dict, replayed: bool) -> FiledComplaint:
    return FiledComplaint(
        tracking_code=shown_code(row["tracking_code"]),
        service_name=row["service_point.name"],
        status=row["status"],
        filed_at=row["filed_at"],
        due_at=row["due_at"],
        due_on=due_on(row),
        replayed=replayed,
    )


def view(row: dict, now: dt.datetime, events: list[ComplaintEventView] | None = None) -> ComplaintView:
    status = Status(row["status"])
    answered = _answered(row)
    return ComplaintView(
        id=row["id"],
        tracking_code=shown_code(row["tracking_code"]),
        region_id=row["region"],
        unit_id=row["unit"],
        unit_name=row["unit.name"],
        service_point_id=row["service_point"],
        service_name=row["service_point.name"],
        body=row["body"],
        status=status.value,
        filed_at=row["filed_at"],
        due_at=row["due_at"],
        due_on=due_on(row),
        overdue=is_overdue(status, row["due_at"], now),
        answer=row["answer"] if answered else None,
        answered_by=row["answered_by.name"] if answered else None,
        answered_at=row["answered_at"],
        closed_at=row["closed_at"],
        initiative_id=row["initiative"],
        initiative_title=row["initiative.title"],
        contact=row["contact"] if row["contact_consent"] and row["contact"] else None,
        contact_erase_at=row["contact_erase_at"] if row["contact"] else None,
        events=events,
    )


async def history(complaint_id: int) -> list[ComplaintEventView]:
    rows = (
        await ComplaintEvent.select(*ComplaintEvent.all_columns(), ComplaintEvent.actor.name)
        .where(ComplaintEvent.complaint == complaint_id)
        .order_by(ComplaintEvent.id)
    )
    return [
        ComplaintEventView(
            r["from_status"],
            r["to_status"],
            CITIZEN if r["actor"] is None else r["actor.name"],
            r["note"],
            r["created_at"],
        )
        for r in rows
    ]
