"""What follows a new fact, in the transaction that recorded it: XP, the streak, badges."""

from __future__ import annotations

from dataclasses import dataclass, field

from gamification.badges import award_badges
from gamification.ledger import award_facts
from gamification.streaks import update_streak


@dataclass(frozen=True)
class Awarded:
    xp: int
    badges: list[dict] = field(default_factory=list)


async def after_fact(person_id: int, fact_id: int) -> Awarded:
    awards = await award_facts([fact_id])
    milestone_facts = await update_streak(person_id)
    awards += await award_facts(milestone_facts)
    badges = await award_badges(person_id)
    return Awarded(xp=sum(award.xp for award in awards), badges=badges)
