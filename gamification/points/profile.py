"""The signed-in person's own profile (``GET /me``)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.access import Actor
from domain.errors import NotAuthenticated
from domain.roles import parse_roles
from domain.timezones import NATIONAL_TIMEZONE, local_year
from gamification.learning.jp_ledger import JpYear, jp_year
from gamification.points.levels import LevelProgress, levels_of, progress
from gamification.points.streaks import freezes_left, streak_of
from gamification.storage.tables import Person, PointsTotal


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
    async def profile(self, actor: Actor) -> Profile:
        row = (
            await Person.select(
                Person.id,
                Person.name,
                Person.nip,
                Person.email,
                Person.staff_type,
                Person.roles,
                Person.hide_name,
                Person.unit.id,
                Person.unit.name,
                Person.unit.agency.id,
                Person.unit.agency.name,
                Person.region.id,
                Person.region.name,
                Person.region.slug,
                Person.region.timezone,
            )
            .where(Person.id == actor.person_id)
            .first()
        )
        if row is None:
            raise NotAuthenticated("account_unavailable")
        points = await PointsTotal.select().where(PointsTotal.person == actor.person_id).first() or {
            "xp": 0,
            "spent": 0,
            "held": 0,
        }
        streak = await streak_of(actor.person_id)
        return Profile(
            id=row["id"],
            name=row["name"],
            nip=row["nip"],
            email=row["email"],
            staff_type=row["staff_type"],
            roles=sorted(parse_roles(row["roles"])),
            hide_name=row["hide_name"],
            unit=Named(row["unit.id"], row["unit.name"]) if row["unit.id"] else None,
            agency=Named(row["unit.agency.id"], row["unit.agency.name"]) if row["unit.agency.id"] else None,
            xp=points["xp"],
            level=progress(points["xp"], await levels_of(row["region.id"])),
            balance=max(0, points["xp"] - points["spent"] - points["held"]),
            held=points["held"],
            streak=StreakView(streak.current, streak.longest, await freezes_left(actor.person_id, row["region.id"])),
            jp=await jp_year(row["id"], local_year(row["region.timezone"] or NATIONAL_TIMEZONE)),
            region=RegionRef(row["region.id"], row["region.name"], row["region.slug"], row["region.timezone"])
            if row["region.id"]
            else None,
        )
