"""What follows new facts, in the transaction that recorded them: XP, the streak, badges, and the
notifications of new badges and a new level."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from domain.levels import level_for
from domain.rules import RuleVersion
from gamification.notifications.inbox import notify
from gamification.points.badges import award_badges, award_learner_badges
from gamification.points.ledger import award_facts, award_new_fact
from gamification.points.levels import levels_of
from gamification.points.streaks import step_streak, update_streak
from gamification.points.totals_follower import TotalsFollower, WrittenTotals
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
        await _level_up(person_id, xp_before, xp, levels)
        return Awarded(xp=xp, badges=badges)

    async def after_completion(
        self,
        fact: dict,
        earned: list[tuple[RuleVersion, int]],
        *,
        timezone: str,
        levels: list[tuple[int, str]],
        unit_path: str | None,
        agency_id: int | None,
        now: dt.datetime,
    ) -> Awarded:
        """``after_facts`` for a completion fact just recorded as evaluated, whose earnings the caller
        worked out from the rules it holds: its entries, the streak stepped in one statement where it
        can be, the badges it may have earned read in one. The totals come back from their upsert,
        so the level before is known without reading it."""
        person_id = fact["person"]
        written = await award_new_fact(fact, earned)
        xp = sum(target for _, target in earned)
        total_after = next((row["xp"] for row in written if row["period"] == "all"), None)
        today = now.astimezone(ZoneInfo(timezone)).date()
        streak = await step_streak(person_id, fact["region"], fact["local_date"], today)
        if streak is None:  # a gap, a day synced late or a milestone: from all the days, as any fact
            milestone_xp = sum(a.xp for a in await award_facts(await update_streak(person_id), follow=self._follow))
            badges = await award_badges(person_id)
        else:
            milestone_xp = 0
            badges = await award_learner_badges(person_id, fact["region"], timezone, streak.longest)
        if total_after is not None:
            await _level_up(person_id, total_after - xp, xp + milestone_xp, levels)
        elif milestone_xp:
            await _level_up(person_id, await _xp(person_id) - milestone_xp, milestone_xp, levels)
        if written:  # last: the totals of a milestone awarded since are read again after the commit
            where = WrittenTotals(person_id, unit_path, agency_id, fact["region"], timezone, written)
            self._follow.totals_written(where)
        return Awarded(xp=xp + milestone_xp, badges=badges)


async def _level_up(person_id: int, xp_before: int, xp: int, levels: list[tuple[int, str]]) -> None:
    before, after = level_for(xp_before, levels), level_for(xp_before + xp, levels)
    if after.number > before.number:
        title, body = f"Naik level: {after.name}", f"Selamat, Anda kini {after.name}!"
        await notify(person_id, "level_up", title, body, level=after.number)


async def _xp(person_id: int) -> int:
    row = await PointsTotal.select(PointsTotal.xp).where(PointsTotal.person == person_id).first()
    return row["xp"] if row else 0
