"""The complaints' scheduled work: complaints past their deadline without an answer are flagged to their
unit's managers, once each (``overdue_notified_at``, set by a conditional UPDATE: a second run, or a second
process, finds it set and tells nobody again)."""

from __future__ import annotations

import datetime as dt

from domain.complaints import WAITING, shown_code
from gamification.complaints.notices import tell_managers
from gamification.storage.database import unit_of_work
from gamification.storage.job_runs import run_once, trigger_time
from gamification.storage.tables import Complaint

EVERY_MINUTES = 15
BATCH = 500


async def flag_overdue(now: dt.datetime) -> dict:
    """Each complaint still waiting for an answer after its ``due_at`` notifies its managers, once."""
    flagged = 0
    while True:
        rows = (
            await Complaint.select(
                Complaint.id, Complaint.unit, Complaint.region, Complaint.tracking_code, Complaint.service_point.name
            )
            .where(
                Complaint.status.is_in([s.value for s in WAITING])
                & (Complaint.due_at < now)
                & Complaint.overdue_notified_at.is_null()
            )
            .order_by(Complaint.id)
            .limit(BATCH)
        )
        for row in rows:
            async with unit_of_work():
                taken = (
                    await Complaint.update({Complaint.overdue_notified_at: now})
                    .where((Complaint.id == row["id"]) & Complaint.overdue_notified_at.is_null())
                    .returning(Complaint.id)
                )
                if taken:
                    await tell_managers(
                        row,
                        "complaint_overdue",
                        f"Pengaduan melewati batas waktu: {row['service_point.name']}",
                        f"Pengaduan {shown_code(row['tracking_code'])} belum dijawab dan melewati batas waktunya.",
                    )
                    flagged += 1
        if len(rows) < BATCH:
            return {"flagged": flagged}


async def flag_overdue_job(now: dt.datetime | None = None) -> dict | None:
    """Every 15 minutes: the complaints that passed their deadline unanswered since the last run."""
    when = trigger_time(now or dt.datetime.now(dt.timezone.utc), EVERY_MINUTES)
    return await run_once("complaints_overdue", when, lambda: flag_overdue(when))
