"""Service points and survey answers written straight into the tables: the IKM only reads them."""

from __future__ import annotations

import datetime as dt
import itertools
import secrets
from zoneinfo import ZoneInfo

from gamification.storage.tables import ServicePoint, SurveyAnswer, Unit

_devices = itertools.count(1)

# The hand-computed example (tests/unit/domain/test_skm.py): NRR 3.5 3.75 3.25 3.5 3.5 3.75 3.75 3.25 3.0,
# IKM 31.25 / 9 × 25 = 86.8055… → 86.81, B.
HAND_ANSWERS = [
    [4, 4, 4, 4, 4, 4, 4, 4, 4],
    [3, 3, 3, 3, 3, 3, 3, 3, 3],
    [4, 4, 3, 3, 4, 4, 4, 3, 3],
    [3, 4, 3, 4, 3, 4, 4, 3, 2],
]
HAND_NRR = [3.5, 3.75, 3.25, 3.5, 3.5, 3.75, 3.75, 3.25, 3.0]


async def add_service_point(
    unit_id: int, name: str = "Perekaman KTP-el", yearly_users: int | None = None, active: bool = True
) -> int:
    unit = await Unit.select(Unit.region).where(Unit.id == unit_id).first()
    row = await ServicePoint.insert(
        ServicePoint(
            region=unit["region"],
            unit=unit_id,
            name=name,
            public_key=secrets.token_hex(16),
            site_code_secret=secrets.token_hex(32),
            yearly_users=yearly_users,
            active=active,
        )
    ).returning(ServicePoint.id)
    return row[0]["id"]


async def add_answers(service_point: int, day: dt.date, scores: list[list[int]], comment: str = "") -> None:
    """One answer per row of nine scores, each from its own device, on the local ``day``."""
    point = (
        await ServicePoint.select(ServicePoint.region, ServicePoint.unit, ServicePoint.region.timezone)
        .where(ServicePoint.id == service_point)
        .first()
    )
    noon = dt.datetime.combine(day, dt.time(12), ZoneInfo(point["region.timezone"])).astimezone(dt.timezone.utc)
    rows = [
        SurveyAnswer(
            service_point=service_point,
            region=point["region"],
            unit=point["unit"],
            answered_at=noon,
            local_date=day,
            device_key=f"perangkat-{next(_devices)}",
            comment=comment,
            comment_status="pending" if comment else "none",
            **{f"u{n + 1}": score for n, score in enumerate(row)},
        )
        for row in scores
    ]
    await SurveyAnswer.insert(*rows)


def today_in(timezone: str) -> dt.date:
    return dt.datetime.now(dt.timezone.utc).astimezone(ZoneInfo(timezone)).date()
