"""What a verified certificate earns, inside the caller's unit of work: its JP in the ledger, and a
fact the points engine awards at once.

Two times on purpose. The JP count for the year the training was done (noon of ``completed_on`` in the
person's region, or now when that is still ahead): a December diklat verified in January is last year's development, as the BKPSDM reports
it. The XP is earned when it is verified: a fact dated months back would land in weeks and months whose
boards were already closed and snapshotted, and the learner would see no "+100 XP" on today's board.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from domain.attempts import local_date
from domain.rules import FactKind
from gamification.learning.jp_ledger import JpSource, credit_jp
from gamification.points.awarding import Awarding
from gamification.points.facts import record_fact
from gamification.storage.regions import region_timezone
from gamification.storage.tables import Person


async def credit_certificate(
    awarding: Awarding,
    *,
    certificate_id: int,
    person_id: int,
    title: str,
    competency_type: str,
    completed_on: dt.date,
    granted_centi: int,
    now: dt.datetime,
) -> int:
    """JP (none when nothing was granted) and XP for a certificate, once each by their unique keys; the XP."""
    person = await Person.select(Person.region, Person.unit).where(Person.id == person_id).first()
    timezone = await region_timezone(person["region"])
    if granted_centi > 0:
        await credit_jp(
            person_id=person_id,
            source=JpSource.CERTIFICATE,
            source_id=certificate_id,
            title=title,
            competency_type=competency_type,
            jp_centi=granted_centi,
            earned_at=min(dt.datetime.combine(completed_on, dt.time(12), ZoneInfo(timezone)), now),
            timezone=timezone,
        )
    fact_id = await record_fact(
        kind=FactKind.CERTIFICATE_VERIFIED,
        person_id=person_id,
        source_key=f"certificate:{certificate_id}",
        label=title,
        occurred_at=now,
        local_date=local_date(now, timezone),
        region_id=person["region"],
        unit_id=person["unit"],
    )
    return (await awarding.after_fact(person_id, fact_id)).xp
