"""The complaints an innovation initiative solves, as the initiative's page shows them: how many, how
many are closed, and each one's service and state (never the citizen's text or contact)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.complaints import Status
from gamification.storage.tables import Complaint


@dataclass(frozen=True)
class LinkedComplaint:
    id: int
    service_name: str
    unit_name: str
    status: str
    filed_at: dt.datetime
    closed_at: dt.datetime | None


@dataclass(frozen=True)
class SolvedComplaints:
    linked: int
    closed: int
    label: str  # "menyelesaikan 3 pengaduan"
    items: list[LinkedComplaint]


async def solved_complaints(initiative_id: int) -> SolvedComplaints:
    rows = (
        await Complaint.select(
            Complaint.id,
            Complaint.status,
            Complaint.filed_at,
            Complaint.closed_at,
            Complaint.service_point.name,
            Complaint.unit.name,
        )
        .where(Complaint.initiative == initiative_id)
        .order_by(Complaint.id)
    )
    items = [
        LinkedComplaint(r["id"], r["service_point.name"], r["unit.name"], r["status"], r["filed_at"], r["closed_at"])
        for r in rows
    ]
    closed = sum(1 for item in items if item.status == Status.CLOSED.value)
    return SolvedComplaints(len(items), closed, f"menyelesaikan {closed} pengaduan", items)
