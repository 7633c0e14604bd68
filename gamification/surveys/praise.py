"""Credit for praise: a released answer that praises the ASN it names becomes a ``citizen_praise`` fact
(``praise:{answer_id}``), paid by the capped rule; hiding it afterwards voids the fact.

The fact is dated at the release, in the person's region and unit of that moment: no closed week or
month changes, and the person sees the XP on today's boards. Its level is its slot in the person's
month (domain.praise): the next free one, taken by an insert that skips a slot another release took
meanwhile (the unique index on praise slots), so racing releases never share a slot and the cap holds.
"""

from __future__ import annotations

import datetime as dt

from domain.attempts import local_date
from domain.praise import month_key, slot_level
from domain.rules import FactKind
from gamification.notifications.inbox import notify
from gamification.points.awarding import Awarding
from gamification.points.facts import record_fact_unless_taken, void_fact
from gamification.storage.regions import region_timezone
from gamification.storage.tables import Fact, Person

MAX_SLOT_TRIES = 100  # each miss means another praise took that slot meanwhile


def praise_key(answer_id: int) -> str:
    return f"praise:{answer_id}"


async def credit_praise(
    awarding: Awarding, *, answer_id: int, person_id: int, service_name: str, now: dt.datetime
) -> int:
    """Record the praise once and award it at once, inside the caller's unit of work; the XP it paid."""
    person = await Person.select(Person.region, Person.unit).where(Person.id == person_id).first()
    if person is None:
        return 0
    day = local_date(now, await region_timezone(person["region"]))
    taken = await Fact.count().where(
        (Fact.person == person_id)
        & (Fact.kind == FactKind.CITIZEN_PRAISE.value)
        & Fact.level.like(f"{month_key(day)}#%")
    )
    for slot in range(taken + 1, taken + 1 + MAX_SLOT_TRIES):
        fact_id = await record_fact_unless_taken(
            kind=FactKind.CITIZEN_PRAISE,
            person_id=person_id,
            source_key=praise_key(answer_id),
            level=slot_level(day, slot),
            label=f"Pujian warga: {service_name}",
            occurred_at=now,
            local_date=day,
            region_id=person["region"],
            unit_id=person["unit"],
        )
        if fact_id is not None:
            xp = (await awarding.after_fact(person_id, fact_id)).xp
            body = f"Warga memuji layanan Anda di {service_name}." + (f" +{xp} XP" if xp else "")
            await notify(person_id, "citizen_praise", "Pujian dari warga", body, answer=answer_id, xp=xp)
            return xp
        if await Fact.exists().where(Fact.source_key == praise_key(answer_id)):
            return 0  # credited already
    raise RuntimeError(f"no free praise slot for person {person_id} after {MAX_SLOT_TRIES} tries")


async def take_back_praise(awarding: Awarding, *, answer_id: int, now: dt.datetime) -> int:
    """Void the praise's fact and award the reversal, inside the caller's unit of work; the XP taken back."""
    voided = await void_fact(praise_key(answer_id), now)
    if voided is None:
        return 0
    person_id, fact_id = voided
    return -(await awarding.after_fact(person_id, fact_id)).xp
