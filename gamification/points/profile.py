"""The signed-in person's own profile (``GET /me``): one statement in the common case (``profile_read``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.attempts import local_date
from domain.rewards import spendable
from domain.roles import parse_roles
from domain.streaks import missed_between
from domain.timezones import NATIONAL_TIMEZONE, local_year
from gamification.identity.sign_in import TokenCaller
from gamification.learning.jp_ledger import JpYear, jp_of_year
from gamification.points.levels import LevelProgress, progress
from gamification.points.profile_read import read_profile
from gamification.points.streaks import freezes_left, streak_of


@dataclass(frozen=True)
class Named:
    id: int
    name: str


@dataclass(frozen=True)
class RegionRef:
    id: int
    name: str
    slug: str
    timezone: str


@dataclass(frozen=True)
class StreakView:
    current: int
    longest: int
    freezes: int = 0  # streak freezes not yet spent on a missed working day


@dataclass(frozen=True)
class Profile:
    id: int
    name: str
    nip: str | None
    email: str | None
    staff_type: str | None
    roles: list[str]
    hide_name: bool
    unit: Named | None
    agency: Named | None
    region: RegionRef | None
    jp: JpYear  # this calendar year, in the region's time zone
    xp: int
    level: LevelProgress
    balance: int  # XP earned minus redeemed and held: what pays for rewards
    held: int  # points held by redemptions waiting for a manager's decision
    streak: StreakView


class ProfileService:
    async def profile(self, caller: TokenCaller, now: dt.datetime | None = None) -> Profile:
        now = now or dt.datetime.now(dt.timezone.utc)
        row = await read_profile(caller, now)
        timezone = row.region_timezone or NATIONAL_TIMEZONE
        today = local_date(now, timezone)
        current = row.streak_current
        if row.streak_last_day is not None and missed_between(row.streak_last_day, today, row.holidays_since):
            # the run ended since: 0, unless a freeze covers the missed day (rare: read in full then)
            current = (await streak_of(caller.person_id, now)).current if row.freezes else 0
        freezes = await freezes_left(caller.person_id, row.region_id, now) if row.freezes else 0
        return Profile(
            id=row.id,
            name=row.name,
            nip=row.nip,
            email=row.email,
            staff_type=row.staff_type,
            roles=sorted(parse_roles(row.roles)),
            hide_name=row.hide_name,
            unit=Named(row.unit_id, row.unit_name) if row.unit_id else None,
            agency=Named(row.agency_id, row.agency_name) if row.agency_id else None,
            xp=row.xp,
            level=progress(row.xp, row.levels),
            balance=spendable(row.xp, row.spent, row.held),
            held=row.held,
            streak=StreakView(current, row.streak_longest, freezes),
            jp=jp_of_year(year := local_year(timezone, now), row.jp_by_year.get(year, {})),
            region=RegionRef(row.region_id, row.region_name, row.region_slug, row.region_timezone)
            if row.region_id
            else None,
        )
