"""What follows new facts, in the transaction that recorded them: XP, the streak, badges, and the
notifications of new badges and a new level."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.levels import level_for
from gamification.notifications.inbox import notify
from gamification.points.badges import award_badges
from gamification.points.ledger import award_facts
from gamification.points.levels import levels_of
from gamification.points.streaks import update_streak
from gamification.points.totals_follower import TotalsFollower
from gamification.storage.tables import Person, PointsTotal


@dataclass(frozen=True)
class Awarded:
    xp: int
    badges: list[dict] = field(default_factory=list)


class Awarding:
    def __init__(self, follow: TotalsFollower) -> None:
        self._follow = follow

    @property
    def follow(self) -> TotalsFollower:
        """Who hears of every total changed: for set-based awarding (the recalculation) beside this one."""
        return self._follow

    async def after_fact(self, person_id: int, fact_id: int) -> Awarded:
        return await self.after_facts(person_id, [fact_id])

    async def after_facts(self, person_id: int, fact_ids: list[int]) -> Awarded:
        """XP for the facts at once, then the streak's milestones, badges and a level-up notice."""
        region = (await Person.select(Person.region).where(Person.id == person_id).first())["region"]
        levels = await levels_of(region)
        xp_before = await _xp(person_id)
        awards = await award_facts(fact_ids, follow=self._follow)
        milestone_facts = await update_streak(person_id)
        awards += await award_facts(milestone_facts, follow=self._follow, queued=True)
        badges = await award_badges(person_id)
        xp = sum(award.xp for award in awards)
        before, after = level_for(xp_before, levels), level_for(xp_before + xp, levels)
        if after.number > before.number:
            title, body = f"Naik level: {after.name}", f"Selamat, Anda kini {after.name}!"
            await notify(person_id, "level_up", title, body, level=after.number)
        return Awarded(xp=xp, badges=badges)


async def _xp(person_id: int) -> int:
    row = await PointsTotal.select(PointsTotal.xp).where(PointsTotal.person == person_id).first()
    return row["xp"] if row else 0
