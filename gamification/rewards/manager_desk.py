"""The manager's day: what waits for their decision (oldest first), decisions in bulk with a result
per item, and the team's progress with its JP compliance."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from piccolo.query.functions.aggregate import Count, Sum

from domain.access import Actor, check_oversees_staff
from domain.errors import DomainError, InvalidInput
from domain.initiatives import Status
from domain.jp import YEARLY_TARGET_JP, jp_value
from domain.jp_pace import JpPace, jp_pace, jp_status
from domain.rewards import RedemptionStatus, parse_decision
from domain.roles import counts_as_staff, parse_roles
from domain.spreadsheet import spreadsheet_cell
from gamification.complaints.desk import waiting_for_answer  # complaints
from gamification.innovation.initiatives import Initiatives
from gamification.rewards.redemptions import Redemptions
from gamification.satisfaction.team import TeamService  # satisfaction
from gamification.storage.pagination import MAX_LIMIT, Page, PageRequest, page_of
from gamification.storage.reach import decider_reach
from gamification.storage.regions import region_timezone
from gamification.storage.tables import (
    Completion,
    Initiative,
    InitiativeMember,
    JpCredit,
    Person,
    PointsTotal,
    Redemption,
    Streak,
    Unit,
)

MAX_BULK = 50
INBOX_LIMIT = 200
KINDS = ("initiative_review", "initiative_verify", "redemption")
STATUS_WORDS = {"met": "tercapai", "on_track": "sesuai_jalur", "behind": "tertinggal"}  # the CSV's Indonesian


@dataclass(frozen=True)
class InboxItem:
    kind: str  # initiative_review, initiative_verify or redemption
    id: int
    title: str
    unit: str | None
    requested_by: str
    waiting_since: dt.datetime
    cost: int | None = None
    due_at: dt.datetime | None = None  # complaints: the deadline of the unit's answer


@dataclass(frozen=True)
class Inbox:
    items: list[InboxItem]
    counts: dict[str, int]


@dataclass(frozen=True)
class BulkItem:
    kind: str
    id: int
    decision: str
    comment: str = ""
    impact: str | None = None


@dataclass(frozen=True)
class BulkResult:
    kind: str
    id: int
    status: int  # 200, or the item's error
    error: DomainError | None = None
    result_status: str | None = None  # the item's state after the decision


@dataclass(frozen=True)
class TeamMemberProgress:
    id: int
    name: str
    nip: str | None
    unit: str | None
    jp: float
    jp_target: int
    completions_this_month: int
    xp: int
    streak: int
    status: str  # met, on_track or behind: against the share of 20 JP due by today (domain.jp_pace)
    unit_id: int | None = None


@dataclass(frozen=True)
class TeamUnit:
    """One unit of the team view: the JP of the people placed in it (not the units below)."""

    id: int
    name: str
    parent_id: int | None
    staff: int
    jp_total: float
    average_jp: float | None  # None for a unit without staff
    met: int
    on_track: int
    behind: int


@dataclass(frozen=True)
class TeamView:
    year: int
    members: list[TeamMemberProgress]  # the people of this page's units, by name
    jp_compliance_rate: float  # share of the whole team (every page) with at least 20 JP this year
    year_elapsed: float  # share of the year gone by on the region's calendar
    jp_due: float  # JP that are on track today: 20 × year_elapsed, rounded up to a hundredth
    service: TeamService | None = None  # satisfaction: the citizens' IKM of the unit (an admin: the region), its badges
    staff: int = 0  # the whole team
    units: list[TeamUnit] = field(default_factory=list)  # this page's units, by id
    next_after_id: int | None = None  # the last unit's id when more units follow


class ManagerDesk:
    def __init__(
        self,
        initiatives: Initiatives,
        redemptions: Redemptions,
        team_service: Callable[[Actor], Awaitable[TeamService | None]] | None = None,
    ) -> None:
        self.initiatives = initiatives
        self.redemptions = redemptions
        self.team_service = team_service  # satisfaction

    async def inbox(self, actor: Actor) -> Inbox:
        check_oversees_staff(actor)
        on_my_team = InitiativeMember.select(InitiativeMember.initiative).where(
            InitiativeMember.person == actor.person_id
        )
        waiting = (
            await Initiative.select(
                Initiative.id,
                Initiative.title,
                Initiative.status,
                Initiative.updated_at,
                Initiative.unit.name,
                Initiative.created_by.name,
            )
            .where(
                Initiative.status.is_in([Status.SUBMITTED.value, Status.IMPLEMENTED.value]),
                decider_reach(actor, Initiative.region, Initiative.unit.path),
                Initiative.id.not_in(on_my_team),
            )
            .order_by(Initiative.updated_at)
            .limit(INBOX_LIMIT)
        )
        items = [
            InboxItem(
                "initiative_review" if row["status"] == Status.SUBMITTED.value else "initiative_verify",
                row["id"],
                row["title"],
                row["unit.name"],
                row["created_by.name"] or "",
                row["updated_at"],
            )
            for row in waiting
        ]
        pending = (
            await Redemption.select(
                Redemption.id,
                Redemption.cost,
                Redemption.created_at,
                Redemption.reward.name,
                Redemption.unit.name,
                Redemption.person.name,
            )
            .where(
                Redemption.status == RedemptionStatus.PENDING.value,
                decider_reach(actor, Redemption.region, Redemption.unit.path),
                Redemption.person != actor.person_id,
            )
            .order_by(Redemption.created_at)
            .limit(INBOX_LIMIT)
        )
        items += [
            InboxItem(
                "redemption",
                row["id"],
                row["reward.name"],
                row["unit.name"],
                row["person.name"],
                row["created_at"],
                row["cost"],
            )
            for row in pending
        ]
        # complaints: those the unit still owes an answer (answered through /api/v1/complaints, not in bulk)
        items += [
            InboxItem("complaint", c.id, c.service_name, c.unit_name, "Warga", c.filed_at, due_at=c.due_at)
            for c in await waiting_for_answer(actor, INBOX_LIMIT)
        ]
        items.sort(key=lambda item: item.waiting_since)
        counts = {kind: sum(1 for item in items if item.kind == kind) for kind in (*KINDS, "complaint")}
        return Inbox(items, counts | {"total": len(items)})

    async def decide_many(self, actor: Actor, items: list[BulkItem]) -> list[BulkResult]:
        """Each item on its own: one refused decision does not stop the others."""
        check_oversees_staff(actor)
        if not 1 <= len(items) <= MAX_BULK:
            raise InvalidInput("bulk_size", max=MAX_BULK)
        results = []
        for item in items:
            try:
                status = await self._decide(actor, item)
                results.append(BulkResult(item.kind, item.id, 200, result_status=status))
            except DomainError as error:
                results.append(BulkResult(item.kind, item.id, 0, error=error))
        return results

    async def _decide(self, actor: Actor, item: BulkItem) -> str:
        if item.kind == "redemption":
            decided = await self.redemptions.decide(actor, item.id, parse_decision(item.decision), item.comment)
            return decided.status
        if item.kind == "initiative_review":
            return (await self.initiatives.review(actor, item.id, item.decision, item.comment)).status
        if item.kind == "initiative_verify":
            return (await self.initiatives.verify(actor, item.id, item.decision, item.impact, item.comment)).status
        raise InvalidInput("bulk_kind_unknown", allowed=", ".join(KINDS))

    async def team(self, actor: Actor, page: PageRequest | None = None) -> TeamView:
        """Everyone on the team in the manager's scope (an admin: the region; operator accounts left out,
        ``counts_as_staff``): the figures over the whole team, and one page of its units (by id) with each
        unit's JP and its people's JP this year against 20, completions this month, XP and streak."""
        check_oversees_staff(actor)
        page = page or PageRequest(limit=MAX_LIMIT)
        timezone = await region_timezone(actor.region_id)
        now = dt.datetime.now(dt.timezone.utc)
        pace = jp_pace(now, timezone)
        members = await self._members(actor, now, timezone, pace)
        compliant = sum(1 for m in members if m.jp >= YEARLY_TARGET_JP)
        rate = round(compliant / len(members), 4) if members else 0.0
        units = await self._units(actor, page)
        shown = {unit["id"] for unit in units.items}
        on_page = [m for m in members if m.unit_id in shown]
        service = await self.team_service(actor) if self.team_service else None
        return TeamView(
            year=pace.year,
            members=on_page,
            jp_compliance_rate=rate,
            year_elapsed=pace.elapsed_share,
            jp_due=jp_value(pace.due_centi),
            service=service,
            staff=len(members),
            units=[_team_unit(unit, on_page) for unit in units.items],
            next_after_id=units.next_after_id,
        )

    async def _members(self, actor: Actor, now: dt.datetime, timezone: str, pace: JpPace) -> list[TeamMemberProgress]:
        month_start = now.astimezone(ZoneInfo(timezone)).date().replace(day=1)
        people = [
            p
            for p in await Person.select(
                Person.id, Person.name, Person.nip, Person.roles, Person.unit, Person.unit.name
            )
            .where(
                decider_reach(actor, Person.region, Person.unit.path),
                Person.active == True,  # noqa: E712
                Person.unit.is_not_null(),
            )
            .order_by(Person.name)
            if counts_as_staff(parse_roles(p["roles"]))
        ]
        ids = [p["id"] for p in people] or [0]
        jp = _by_person(
            await JpCredit.select(JpCredit.person, Sum(JpCredit.jp_centi, alias="n"))
            .where(JpCredit.person.is_in(ids), JpCredit.year == pace.year)
            .group_by(JpCredit.person)
        )
        done = _by_person(
            await Completion.select(Completion.person, Count(Completion.id, alias="n"))
            .where(Completion.person.is_in(ids), Completion.local_date >= month_start)
            .group_by(Completion.person)
        )
        xp = {
            r["person"]: r["xp"]
            for r in await PointsTotal.select(PointsTotal.person, PointsTotal.xp).where(PointsTotal.person.is_in(ids))
        }
        streak = {
            r["person"]: r["current"]
            for r in await Streak.select(Streak.person, Streak.current).where(Streak.person.is_in(ids))
        }
        return [
            TeamMemberProgress(
                p["id"],
                p["name"],
                p["nip"],
                p["unit.name"],
                jp_value(jp.get(p["id"], 0)),
                YEARLY_TARGET_JP,
                done.get(p["id"], 0),
                xp.get(p["id"], 0),
                streak.get(p["id"], 0),
                jp_status(jp.get(p["id"], 0), pace).value,
                p["unit"],
            )
            for p in people
        ]

    async def _units(self, actor: Actor, page: PageRequest) -> Page[dict]:
        query = Unit.select(Unit.id, Unit.name, Unit.parent).where(decider_reach(actor, Unit.region, Unit.path))
        if page.after_id is not None:
            query = query.where(Unit.id > page.after_id)
        rows = await query.order_by(Unit.id).limit(page.limit + 1)
        return page_of(rows, page, lambda row: row["id"])

    async def team_csv(self, actor: Actor) -> str:
        """Every person of the team view (all its units) as CSV, with Indonesian headers."""
        check_oversees_staff(actor)
        timezone = await region_timezone(actor.region_id)
        now = dt.datetime.now(dt.timezone.utc)
        members = await self._members(actor, now, timezone, jp_pace(now, timezone))
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            ["nama", "nip", "unit", "jp_tahun_ini", "target_jp", "penyelesaian_bulan_ini", "xp", "runtun", "status_jp"]
        )
        for m in members:
            writer.writerow(
                [
                    spreadsheet_cell(m.name),
                    m.nip or "",
                    spreadsheet_cell(m.unit or ""),
                    m.jp,
                    m.jp_target,
                    m.completions_this_month,
                    m.xp,
                    m.streak,
                    STATUS_WORDS[m.status],
                ]
            )
        return out.getvalue()


def _team_unit(row: dict, members: list[TeamMemberProgress]) -> TeamUnit:
    staff = [m for m in members if m.unit_id == row["id"]]
    total = round(sum(m.jp for m in staff), 2)
    return TeamUnit(
        id=row["id"],
        name=row["name"],
        parent_id=row["parent"],
        staff=len(staff),
        jp_total=total,
        average_jp=round(total / len(staff), 2) if staff else None,
        met=sum(1 for m in staff if m.status == "met"),
        on_track=sum(1 for m in staff if m.status == "on_track"),
        behind=sum(1 for m in staff if m.status == "behind"),
    )


def _by_person(rows: list[dict]) -> dict[int, int]:
    return {row["person"]: int(row["n"] or 0) for row in rows}
