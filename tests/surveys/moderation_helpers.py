"""Rows of the citizens' voice made directly (the survey form is another feature's), and the moderation
requests the tests share."""

from __future__ import annotations

import datetime as dt
import itertools
import secrets
from zoneinfo import ZoneInfo

import httpx

from gamification.storage.tables import Complaint, PointsTotal, ServicePoint, SurveyAnswer

COMMENTS = "/api/v1/survey-comments"
_devices = itertools.count(1)


async def add_service_point(region_id: int, unit_id: int, name: str = "Perekaman KTP-el") -> int:
    rows = await ServicePoint.insert(
        ServicePoint(
            region=region_id,
            unit=unit_id,
            name=name,
            public_key=secrets.token_hex(8),
            site_code_secret=secrets.token_hex(16),
        )
    ).returning(ServicePoint.id)
    return rows[0]["id"]


async def add_answer(
    service_point: int,
    region_id: int,
    unit_id: int,
    *,
    comment: str = "Petugasnya ramah dan cepat.",
    served_by: int | None = None,
    u6: int = 4,
    u7: int = 4,
    status: str = "pending",
    flagged: bool = False,
    contact: str = "",
    contact_erase_at: dt.datetime | None = None,
    timezone: str = "Asia/Jakarta",
) -> int:
    """An answer as the survey form writes it: a comment or a named ASN waits for moderation."""
    now = dt.datetime.now(dt.timezone.utc)
    rows = await SurveyAnswer.insert(
        SurveyAnswer(
            service_point=service_point,
            region=region_id,
            unit=unit_id,
            answered_at=now,
            local_date=now.astimezone(ZoneInfo(timezone)).date(),
            device_key=f"perangkat-{next(_devices)}",
            u1=3,
            u2=3,
            u3=3,
            u4=4,
            u5=3,
            u6=u6,
            u7=u7,
            u8=3,
            u9=3,
            comment=comment,
            comment_status=status,
            comment_flagged=flagged,
            served_by=served_by,
            contact=contact,
            contact_consent=bool(contact),
            contact_erase_at=contact_erase_at,
        )
    ).returning(SurveyAnswer.id)
    return rows[0]["id"]


async def add_complaint(
    service_point: int, region_id: int, unit_id: int, *, contact: str, contact_erase_at: dt.datetime | None
) -> int:
    now = dt.datetime.now(dt.timezone.utc)
    rows = await Complaint.insert(
        Complaint(
            service_point=service_point,
            region=region_id,
            unit=unit_id,
            tracking_code=secrets.token_hex(6).upper(),
            body="Antrean terlalu lama.",
            filed_at=now,
            due_at=now + dt.timedelta(days=7),
            contact=contact,
            contact_consent=bool(contact),
            contact_erase_at=contact_erase_at,
        )
    ).returning(Complaint.id)
    return rows[0]["id"]


async def decide(client: httpx.AsyncClient, headers: dict, answer_id: int, decision: str, **extra) -> httpx.Response:
    return await client.post(f"{COMMENTS}/{answer_id}/decision", json={"decision": decision, **extra}, headers=headers)


async def xp_of(person_id: int) -> int:
    row = await PointsTotal.select(PointsTotal.xp).where(PointsTotal.person == person_id).first()
    return row["xp"] if row else 0
