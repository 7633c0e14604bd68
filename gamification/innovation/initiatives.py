"""The innovation-reward scheme: initiatives from draft to verified, every move recorded, and XP
for the team through the points engine when one is verified or replicated elsewhere."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from domain.access import Actor
from domain.attempts import check_client_id, local_date
from domain.displays import shown_name
from domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from domain.initiatives import (
    EDITABLE,
    REVIEW,
    SHOWCASE,
    VERIFY,
    Impact,
    Status,
    check_edit,
    check_fields,
    check_may_verify,
    check_move,
    check_replicator,
    check_team,
    parse_choice,
    parse_impact,
    replication_credited,
)
from domain.periods import local_month_bounds
from domain.rules import FactKind
from gamification.complaints.linked import SolvedComplaints, solved_complaints  # complaints
from gamification.notifications.deciders import notify_deciders
from gamification.notifications.inbox import notify
from gamification.points.awarding import Awarding
from gamification.points.facts import record_fact
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.json_column import loaded
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.reach import decider_reach
from gamification.storage.regions import region_timezone
from gamification.storage.tables import (
    Initiative,
    InitiativeEvent,
    InitiativeEvidence,
    InitiativeMember,
    Person,
    Region,
    Replication,
    Unit,
)
from gamification.storage.text_search import contains

STATUS_WORDS = {
    Status.SUBMITTED: "diajukan",
    Status.APPROVED: "disetujui",
    Status.REJECTED: "ditolak",
    Status.NEEDS_REVISION: "perlu direvisi",
    Status.IMPLEMENTED: "dilaporkan terlaksana",
    Status.VERIFIED: "terverifikasi",
    Status.RETURNED: "dikembalikan",
}
# what a decider is told when the team's move leaves the initiative waiting for them
WAITING_WORDS = {
    Status.SUBMITTED: "diajukan dan menunggu tinjauan Anda",
    Status.IMPLEMENTED: "dilaporkan terlaksana dan menunggu verifikasi Anda",
}


@dataclass(frozen=True)
class TeamMember:
    id: int | None  # None for a person who hid their name
    name: str


@dataclass(frozen=True)
class InitiativeEventView:
    from_status: str | None
    to_status: str
    actor_id: int | None  # None for a person who hid their name or was anonymised
    comment: str
    at: dt.datetime
    actor_name: str = ""  # "ASN" for a person who hid their name or was anonymised


@dataclass(frozen=True)
class ReplicationView:
    """A unit that took the initiative up: where, and when it was recorded."""

    unit_id: int
    unit_name: str
    agency_name: str
    region_name: str
    region_slug: str
    at: dt.datetime


@dataclass(frozen=True)
class EvidenceView:
    """An evidence file's facts; the file itself is at ``GET /initiatives/{id}/evidence/{evidence_id}``."""

    id: int
    content_type: str
    size: int
    uploaded_by: str  # a name ("ASN" for a person who hid it)
    at: dt.datetime


@dataclass(frozen=True)
class InitiativeView:
    id: int
    region_id: int
    unit_id: int
    unit_name: str
    title: str
    problem: str
    solution: str
    category: str
    status: str
    impact: str | None
    implementation: dict | None
    team: list[TeamMember]
    replications: int
    created_at: dt.datetime
    updated_at: dt.datetime
    events: list[InitiativeEventView] | None = None  # in the detail only
    replicated_by: list[ReplicationView] | None = None  # in the detail only
    evidence: list[EvidenceView] | None = None  # in the detail only
    replication_credited: bool | None = None  # in a replication's answer only: whether it earned the team XP
    complaints: SolvedComplaints | None = None  # complaints: in the detail only, the citizens' problems it solves


@dataclass
class Loaded:
    row: dict
    team: set[int]


async def load(initiative_id: int) -> Loaded | None:
    row = (
        await Initiative.select(*Initiative.all_columns(), Initiative.unit.path, Initiative.unit.agency)
        .where(Initiative.id == initiative_id)
        .first()
    )
    if row is None:
        return None
    team = set(
        await InitiativeMember.select(InitiativeMember.person)
        .where(InitiativeMember.initiative == initiative_id)
        .output(as_list=True)
    )
    return Loaded(row, team)


def may_see(actor: Actor, found: Loaded) -> bool:
    row = found.row
    return (
        Status(row["status"]) in SHOWCASE
        or actor.person_id in found.team
        or actor.administers(row["region"])
        or actor.manages(row["unit.path"])
    )


class Initiatives:
    def __init__(self, awarding: Awarding, replication_credits_per_month: int = 5) -> None:
        self._awarding = awarding
        self._replication_credits = replication_credits_per_month

    async def create(
        self, actor: Actor, *, title, problem, solution, category, unit_id, team, client_id=None
    ) -> tuple[InitiativeView, bool]:
        """A draft in a unit of the caller's region, by its staff; the caller is on its team. With a
        ``client_id``, the same create resent answers the first draft (and True: a replay)."""
        if actor.region_id is None or actor.unit_id is None:
            raise Forbidden("learner_only")
        fields = check_fields(title, problem, solution, category)
        if client_id is not None:
            check_client_id(client_id)
            previous = await self._created_with(actor, client_id, fields.title)
            if previous is not None:
                return previous, True
        members = {actor.person_id, *check_team(team)}
        unit = await Unit.select(Unit.region).where(Unit.id == unit_id).first()
        if unit is None:
            raise InvalidInput("unit_unknown")
        if unit["region"] != actor.region_id:
            raise Forbidden("initiative_unit_outside_region")
        await _check_members(members, actor.region_id)
        try:
            async with unit_of_work():
                rows = await Initiative.insert(
                    Initiative(
                        region=actor.region_id,
                        unit=unit_id,
                        title=fields.title,
                        problem=fields.problem,
                        solution=fields.solution,
                        category=fields.category.value,
                        status=Status.DRAFT.value,
                        created_by=actor.person_id,
                        client_id=client_id,
                    )
                ).returning(Initiative.id)
                initiative_id = rows[0]["id"]
                await InitiativeMember.insert(
                    *[InitiativeMember(initiative=initiative_id, person=p) for p in sorted(members)]
                )
                await _event(initiative_id, actor, None, Status.DRAFT, "")
        except Exception as error:
            # the same create raced in (a phone resending at once): answer the one that won
            if client_id is None or not is_unique_violation(error):
                raise
            previous = await self._created_with(actor, client_id, fields.title)
            if previous is None:
                raise
            return previous, True
        return await self.get(actor, initiative_id), False

    async def _created_with(self, actor: Actor, client_id: str, title: str) -> InitiativeView | None:
        row = (
            await Initiative.select(Initiative.id, Initiative.title)
            .where((Initiative.created_by == actor.person_id) & (Initiative.client_id == client_id))
            .first()
        )
        if row is None:
            return None
        if row["title"] != title:
            raise Conflict("client_id_reused")
        return await self.get(actor, row["id"])

    async def update(self, actor: Actor, initiative_id: int, changes: dict) -> InitiativeView:
        """The team changes some fields of a draft, or of one sent back for revision; the others stay.
        ``team`` is the whole new team (the caller stays on it)."""
        found = await self._for_team(actor, initiative_id)
        if Status(found.row["status"]) not in EDITABLE:
            raise Conflict("initiative_wrong_state", status=found.row["status"])
        checked = check_edit(changes)
        team = checked.pop("team", None)
        if team is not None:
            team = {actor.person_id, *team}
            await _check_members(team, found.row["region"])
        if not checked and (team is None or team == found.team):
            return await self.get(actor, initiative_id)
        values = {getattr(Initiative, name): str(value) for name, value in checked.items()}
        editable = Initiative.status.is_in([s.value for s in EDITABLE])
        async with unit_of_work():
            edited = (
                await Initiative.update(values | {Initiative.updated_at: dt.datetime.now(dt.timezone.utc)})
                .where((Initiative.id == initiative_id) & editable)
                .returning(Initiative.status)
            )
            if not edited:  # submitted meanwhile
                raise Conflict("initiative_wrong_state", status=(await load(initiative_id)).row["status"])
            if team is not None:
                await _replace_team(initiative_id, team)
        return await self.get(actor, initiative_id)

    async def submit(self, actor: Actor, initiative_id: int, comment: str = "") -> InitiativeView:
        found = await self._for_team(actor, initiative_id)
        return await self._move(actor, found, Status.SUBMITTED, by_team=True, comment=comment)

    async def review(self, actor: Actor, initiative_id: int, decision: str, comment: str) -> InitiativeView:
        """approve, reject or revise: a manager over the initiative's unit (or the region's admin), not on its team."""
        target = parse_choice(decision, REVIEW)
        found = await self._for_decider(actor, initiative_id)
        return await self._move(actor, found, target, by_team=False, comment=comment)

    async def report(self, actor: Actor, initiative_id: int, summary: str, metrics: dict, links: list[str]):
        """The team reports what changed, with before/after metrics and links."""
        if not 10 <= len(summary.strip()) <= 4000:
            raise InvalidInput("initiative_text_length")
        if len(links) > 10 or any(not link.startswith(("https://", "http://")) for link in links):
            raise InvalidInput("initiative_links")
        found = await self._for_team(actor, initiative_id)
        evidence = {"summary": summary.strip(), "metrics": metrics, "links": links}
        return await self._move(actor, found, Status.IMPLEMENTED, by_team=True, comment="", implementation=evidence)

    async def verify(self, actor: Actor, initiative_id: int, decision: str, impact: str | None, comment: str):
        """verify (with the impact level, which sets the team's XP) or return for better evidence."""
        target = parse_choice(decision, VERIFY)
        found = await self._for_decider(actor, initiative_id)
        level = parse_impact(impact) if target is Status.VERIFIED else None
        if level is not None:
            check_may_verify(actor, level, found.row["region"], found.row["unit.agency"], actor.agency_id)
        return await self._move(actor, found, target, by_team=False, comment=comment, impact=level)

    async def replicate(
        self, actor: Actor, initiative_id: int, unit_id: int, note: str, now: dt.datetime | None = None
    ) -> InitiativeView:
        """Another unit records that it took the initiative up, by a manager or admin of that unit who is
        not on the team: the team earns the bonus once per unit, for the first replications of each
        month (the initiative's region's calendar); the answer says whether this one did."""
        now = now or dt.datetime.now(dt.timezone.utc)
        found = await load(initiative_id)
        if found is None or Status(found.row["status"]) not in SHOWCASE:
            raise NotFound("initiative_not_found")
        unit = await Unit.select(Unit.region, Unit.path).where(Unit.id == unit_id).first()
        if unit is None:
            raise InvalidInput("unit_unknown")
        check_replicator(actor, found.team)
        if not (actor.administers(unit["region"]) or actor.manages(unit["path"])):
            raise Forbidden("decision_out_of_scope")
        if unit_id == found.row["unit"]:
            raise Conflict("replication_same_unit")
        if not await Person.exists().where((Person.unit == unit_id) & (Person.active == True)):  # noqa: E712
            raise Conflict("unit_has_no_staff")  # a unit made for the bonus has nobody who took anything up
        month = local_month_bounds(now, await region_timezone(found.row["region"]))
        try:
            async with unit_of_work():
                credited = replication_credited(await _replications_in(initiative_id, month), self._replication_credits)
                await Replication.insert(
                    Replication(
                        initiative=initiative_id,
                        unit=unit_id,
                        recorded_by=actor.person_id,
                        note=note[:1000],
                        created_at=now,
                    )
                )
                if credited:  # beyond the cap no fact is recorded, so a rebuild of the ledger agrees
                    key = f"replication:{initiative_id}:{unit_id}"
                    await _award_team(self._awarding, found, FactKind.INITIATIVE_REPLICATED, key, None, now)
        except Exception as error:
            if is_unique_violation(error):
                raise Conflict("replication_exists") from None
            raise
        return replace(await self.get(actor, initiative_id), replication_credited=credited)

    async def get(self, actor: Actor, initiative_id: int) -> InitiativeView:
        found = await load(initiative_id)
        if found is None or not may_see(actor, found):
            raise NotFound("initiative_not_found")
        views = await _views([found.row])
        return replace(
            views[0],
            events=await _events(initiative_id),
            replicated_by=await _replications(initiative_id),
            evidence=await evidence_of(initiative_id),
            complaints=await solved_complaints(initiative_id),
        )

    async def list(
        self, actor: Actor, page: PageRequest, status: str | None, region: str | None, text: str | None
    ) -> Page[InitiativeView]:
        """The showcase (implemented and verified, every region) or, for other states, what the caller may see;
        ``region`` a region's slug (``pontianak``) or id."""
        region_id = await _region_id(region) if region is not None else None
        query = Initiative.select(*Initiative.all_columns(), Initiative.unit.path, Initiative.unit.agency)
        if status is not None:
            try:
                wanted = Status(status)
            except ValueError:
                raise InvalidInput("initiative_status_unknown", allowed=", ".join(Status)) from None
            query = query.where(Initiative.status == wanted.value)
        else:
            wanted = None
        if region_id is not None:
            query = query.where(Initiative.region == region_id)
        if text:
            query = query.where(contains(Initiative.title, text) | contains(Initiative.solution, text))
        if wanted not in SHOWCASE:
            query = query.where(_reach(actor, wanted))
        if page.after_id is not None:
            query = query.where(Initiative.id < page.after_id)
        rows = await query.order_by(Initiative.id, ascending=False).limit(page.limit + 1)
        return page_of(await _views(rows), page, lambda view: view.id)

    async def _for_team(self, actor: Actor, initiative_id: int) -> Loaded:
        found = await load(initiative_id)
        if found is None or not may_see(actor, found):
            raise NotFound("initiative_not_found")
        if actor.person_id not in found.team:
            raise Forbidden("initiative_team_only")
        return found

    async def _for_decider(self, actor: Actor, initiative_id: int) -> Loaded:
        found = await load(initiative_id)
        if found is None or not (may_see(actor, found) and actor.sees_region(found.row["region"])):
            raise NotFound("initiative_not_found")
        actor.check_decides_for(found.row["region"], found.row["unit.path"], found.team)
        return found

    async def _move(self, actor, found: Loaded, target: Status, *, by_team: bool, comment: str, **changes):
        """One move, recorded; a move sent again (same target, same person) answers the current state."""
        row = found.row
        current = Status(row["status"])
        if current is target and await _last_move_by(row["id"], actor.person_id, target):
            return await self.get(actor, row["id"])
        check_move(current, target, by_team)
        values = {Initiative.status: target.value, Initiative.updated_at: dt.datetime.now(dt.timezone.utc)}
        if "implementation" in changes:
            values[Initiative.implementation] = changes["implementation"]
        if changes.get("impact") is not None:
            values[Initiative.impact] = changes["impact"].value
        async with unit_of_work():
            moved = (
                await Initiative.update(values)
                .where((Initiative.id == row["id"]) & (Initiative.status == current.value))
                .returning(Initiative.id)
            )
            if not moved:  # someone else moved it first
                raise Conflict("initiative_wrong_state", status=current.value)
            await _event(row["id"], actor, current, target, comment)
            if target is Status.VERIFIED:
                key = f"initiative:{row['id']}"
                await _award_team(
                    self._awarding,
                    found,
                    FactKind.INITIATIVE_VERIFIED,
                    key,
                    changes["impact"],
                    values[Initiative.updated_at],
                )
            for person_id in found.team - {actor.person_id}:
                await notify(
                    person_id,
                    f"initiative_{target.value}",
                    f"Inovasi “{row['title']}” {STATUS_WORDS.get(target, target.value)}",
                    comment[:1000],
                    initiative=row["id"],
                )
            if target in WAITING_WORDS:
                await notify_deciders(
                    row["region"],
                    row["unit"],
                    found.team,
                    "initiative_waiting",
                    f"Inovasi “{row['title']}” {WAITING_WORDS[target]}",
                    initiative=row["id"],
                )
        return await self.get(actor, row["id"])


async def _award_team(
    awarding: Awarding, found: Loaded, kind: FactKind, key: str, impact: Impact | None, now: dt.datetime
) -> None:
    """A fact per team member (at their unit and region now), awarded at once through the points engine."""
    members = await Person.select(Person.id, Person.region, Person.unit).where(Person.id.is_in(sorted(found.team)))
    for member in members:
        timezone = await region_timezone(member["region"])
        fact_id = await record_fact(
            kind=kind,
            person_id=member["id"],
            source_key=f"{key}:{member['id']}",
            label=found.row["title"],
            occurred_at=now,
            local_date=local_date(now, timezone),
            region_id=member["region"],
            unit_id=member["unit"],
            level=impact.value if impact else None,
        )
        await awarding.after_facts(member["id"], [fact_id])


async def _replications_in(initiative_id: int, month: tuple[dt.datetime, dt.datetime]) -> int:
    """Replications of the initiative recorded within the month, counted after taking the initiative's row:
    two replications at once on PostgreSQL would otherwise both count the same and both be credited
    (SQLite lets one writer in at a time anyway)."""
    if Initiative._meta.db.engine_type == "postgres":
        await Initiative.select(Initiative.id).where(Initiative.id == initiative_id).lock_rows()
    start, end = month
    return await Replication.count().where(
        (Replication.initiative == initiative_id) & (Replication.created_at >= start) & (Replication.created_at < end)
    )


async def _event(initiative_id: int, actor: Actor, current: Status | None, target: Status, comment: str) -> None:
    await InitiativeEvent.insert(
        InitiativeEvent(
            initiative=initiative_id,
            actor=actor.person_id,
            from_status=current.value if current else None,
            to_status=target.value,
            comment=comment[:1000],
        )
    )


async def _last_move_by(initiative_id: int, person_id: int, target: Status) -> bool:
    last = (
        await InitiativeEvent.select(InitiativeEvent.actor, InitiativeEvent.to_status)
        .where(InitiativeEvent.initiative == initiative_id)
        .order_by(InitiativeEvent.id, ascending=False)
        .first()
    )
    return last is not None and last["actor"] == person_id and last["to_status"] == target.value


def _reach(actor: Actor, wanted: Status | None):
    """Initiatives the caller may see outside the showcase: their team's, their scope's, their region's."""
    own = Initiative.id.is_in(
        InitiativeMember.select(InitiativeMember.initiative).where(InitiativeMember.person == actor.person_id)
    )
    if wanted is None:
        own |= Initiative.status.is_in([s.value for s in SHOWCASE])
    reach = decider_reach(actor, Initiative.region, Initiative.unit.path)
    return own if reach is None else own | reach


async def _views(rows: list[dict]) -> list[InitiativeView]:
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    teams: dict[int, list[TeamMember]] = {i: [] for i in ids}
    for member in (
        await InitiativeMember.select(
            InitiativeMember.initiative,
            InitiativeMember.person,
            InitiativeMember.person.name,
            InitiativeMember.person.hide_name,
        )
        .where(InitiativeMember.initiative.is_in(ids))
        .order_by(InitiativeMember.id)
    ):
        hidden = member["person.hide_name"]
        teams[member["initiative"]].append(
            TeamMember(None if hidden else member["person"], shown_name(member["person.name"], hidden, None))
        )
    replications: dict[int, int] = {}
    for initiative in (
        await Replication.select(Replication.initiative).where(Replication.initiative.is_in(ids)).output(as_list=True)
    ):
        replications[initiative] = replications.get(initiative, 0) + 1
    units = {
        row["id"]: row["name"]
        for row in await Unit.select(Unit.id, Unit.name).where(Unit.id.is_in(list({r["unit"] for r in rows})))
    }
    return [
        InitiativeView(
            id=row["id"],
            region_id=row["region"],
            unit_id=row["unit"],
            unit_name=units.get(row["unit"], ""),
            title=row["title"],
            problem=row["problem"],
            solution=row["solution"],
            category=row["category"],
            status=row["status"],
            impact=row["impact"],
            implementation=loaded(row["implementation"]) if row["implementation"] else None,
            team=teams[row["id"]],
            replications=replications.get(row["id"], 0),
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )
        for row in rows
    ]


async def _check_members(members: set[int], region_id: int) -> None:
    """Every member an active person of the initiative's region."""
    found = (
        await Person.select(Person.id)
        .where(Person.id.is_in(list(members)) & (Person.region == region_id) & (Person.active == True))  # noqa: E712
        .output(as_list=True)
    )
    if set(found) != members:
        raise InvalidInput("initiative_team_unknown")


async def _replace_team(initiative_id: int, new: set[int]) -> None:
    """Read inside the edit's transaction, after its UPDATE took the initiative's row: two team edits at once
    queue there, and the second sees the first's team."""
    old = set(
        await InitiativeMember.select(InitiativeMember.person)
        .where(InitiativeMember.initiative == initiative_id)
        .output(as_list=True)
    )
    if old - new:
        await InitiativeMember.delete().where(
            (InitiativeMember.initiative == initiative_id) & InitiativeMember.person.is_in(sorted(old - new))
        )
    if new - old:
        await InitiativeMember.insert(
            *[InitiativeMember(initiative=initiative_id, person=p) for p in sorted(new - old)]
        )


async def _region_id(region: str) -> int:
    """A region named by its slug or its id; an unknown one is 404 (an empty showcase would say "none there")."""
    numeric = region.isascii() and region.isdigit() and len(region) < 10
    where = Region.id == int(region) if numeric else Region.slug == region.lower()
    row = await Region.select(Region.id).where(where).first()
    if row is None:
        raise NotFound("region_not_found")
    return row["id"]


def person_shown(name: str | None, hidden: bool | None, anonymised: dt.datetime | None) -> str:
    """A person as the initiative's history shows them: their name, or "ASN" when hidden or anonymised."""
    if name is None:  # the person is gone
        return "ASN"
    return shown_name(name, bool(hidden) or anonymised is not None, None)


async def _events(initiative_id: int) -> list[InitiativeEventView]:
    rows = (
        await InitiativeEvent.select(
            *InitiativeEvent.all_columns(),
            InitiativeEvent.actor.name,
            InitiativeEvent.actor.hide_name,
            InitiativeEvent.actor.anonymised_at,
        )
        .where(InitiativeEvent.initiative == initiative_id)
        .order_by(InitiativeEvent.id)
    )
    views = []
    for e in rows:
        hidden = bool(e["actor.hide_name"]) or e["actor.anonymised_at"] is not None
        name = person_shown(e["actor.name"], e["actor.hide_name"], e["actor.anonymised_at"])
        actor_id = None if hidden else e["actor"]
        views.append(
            InitiativeEventView(e["from_status"], e["to_status"], actor_id, e["comment"], e["created_at"], name)
        )
    return views


async def _replications(initiative_id: int) -> list[ReplicationView]:
    rows = (
        await Replication.select(
            Replication.unit,
            Replication.unit.name,
            Replication.unit.agency.name,
            Replication.unit.region.name,
            Replication.unit.region.slug,
            Replication.created_at,
        )
        .where(Replication.initiative == initiative_id)
        .order_by(Replication.id)
    )
    return [
        ReplicationView(
            r["unit"],
            r["unit.name"],
            r["unit.agency.name"],
            r["unit.region.name"],
            r["unit.region.slug"],
            r["created_at"],
        )
        for r in rows
    ]


async def evidence_of(initiative_id: int) -> list[EvidenceView]:
    """The initiative's evidence files, oldest first."""
    rows = (
        await InitiativeEvidence.select(
            *InitiativeEvidence.all_columns(),
            InitiativeEvidence.uploaded_by.name,
            InitiativeEvidence.uploaded_by.hide_name,
            InitiativeEvidence.uploaded_by.anonymised_at,
        )
        .where(InitiativeEvidence.initiative == initiative_id)
        .order_by(InitiativeEvidence.id)
    )
    return [
        EvidenceView(
            r["id"],
            r["content_type"],
            r["size"],
            person_shown(r["uploaded_by.name"], r["uploaded_by.hide_name"], r["uploaded_by.anonymised_at"]),
            r["created_at"],
        )
        for r in rows
    ]
