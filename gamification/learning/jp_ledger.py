"""The one place JP is credited and counted, whatever its source: a module, an event, a certificate, a partner's xAPI record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from piccolo.query.functions.aggregate import Sum

from domain.jp import YEARLY_TARGET_JP, jp_value
from domain.modules import CompetencyType
from gamification.storage.tables import JpCredit


class JpSource(StrEnum):
    MODULE = "module"
    WORKSHOP = "workshop"  # any event: workshop, seminar, webinar, classroom diklat
    CERTIFICATE = "certificate"
    XAPI = "xapi"


@dataclass(frozen=True)
class JpYear:
    year: int
    earned: float
    target: int
    remaining: float
    by_competency: dict[str, float]


async def credit_jp(
    *,
    person_id: int,
    source: JpSource,
    source_id: int,
    title: str,
    competency_type: str,
    jp_centi: int,
    earned_at: dt.datetime,
    timezone: str,
) -> None:
    """Record JP inside the caller's transaction; a source credits a person once (unique key)."""
    year = earned_at.astimezone(ZoneInfo(timezone)).year
    await JpCredit.raw(
        CREDIT_INSERT, person_id, source.value, source_id, title, competency_type, jp_centi, earned_at, year
    )


# Hand-written, of constant text (prepared once per connection): every passing attempt credits JP, and
# building the ORM's insert for it was a worker's time (issue 20).
CREDIT_INSERT = (
    "INSERT INTO jp_credit (person, source_kind, source_id, title, competency_type, jp_centi, earned_at, year,"
    " reversal) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, false)"
)


async def withdraw_jp(*, person_id: int, source: JpSource, source_id: int) -> bool:
    """Take a credit back inside the caller's transaction (its source was voided or found false) by
    its negative twin, never by editing the ledger; False if there was nothing left to take back."""
    source_rows = (JpCredit.person == person_id) & (JpCredit.source_kind == source.value)
    rows = await JpCredit.select().where(source_rows & (JpCredit.source_id == source_id))
    credit = next((row for row in rows if not row["reversal"]), None)
    if credit is None or any(row["reversal"] for row in rows):
        return False
    await JpCredit.insert(
        JpCredit(
            person=person_id,
            source_kind=source.value,
            source_id=source_id,
            title=credit["title"],
            competency_type=credit["competency_type"],
            jp_centi=-credit["jp_centi"],
            earned_at=credit["earned_at"],
            year=credit["year"],
            reversal=True,
        )
    )
    return True


async def jp_year(person_id: int, year: int) -> JpYear:
    rows = (
        await JpCredit.select(JpCredit.competency_type, Sum(JpCredit.jp_centi, alias="centi"))
        .where((JpCredit.person == person_id) & (JpCredit.year == year))
        .group_by(JpCredit.competency_type)
    )
    return jp_of_year(year, {row["competency_type"]: int(row["centi"]) for row in rows})


def jp_of_year(year: int, centi_by_type: dict[str, int]) -> JpYear:
    """A year's JP from its credits summed per competency type, in hundredths."""
    by_type = {kind.value: 0 for kind in CompetencyType} | centi_by_type
    earned = sum(by_type.values())
    return JpYear(
        year=year,
        earned=jp_value(earned),
        target=YEARLY_TARGET_JP,
        remaining=jp_value(max(0, YEARLY_TARGET_JP * 100 - earned)),
        by_competency={kind: jp_value(centi) for kind, centi in by_type.items()},
    )
