"""Partner organisations (universities, LAN/BPSDM, training bodies, vendors) as records: who they are,
which regions admitted them, and their people.

A superadmin creates and updates them; a region admin may create one too, and it is then admitted
to their region at once. A region admits or withdraws an organisation itself; admitting it admits
its people (``gamification.organization.partners.is_admitted``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from piccolo.query.functions.aggregate import Count, Sum

from domain.access import Actor
from domain.certificates import Status as CertificateStatus
from domain.errors import Forbidden, InvalidInput, NotFound
from domain.partners import check_org
from domain.roles import Role, parse_roles
from gamification.learning.jp_ledger import JpSource
from gamification.partners.reach import admitting_regions, check_exists, check_viewer
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.sql_dialect import as_datetime
from gamification.storage.tables import (
    Certificate,
    Event,
    JpCredit,
    Module,
    PartnerOrganisation,
    PartnerRegion,
    Person,
    Region,
    XapiActivity,
    XapiStatement,
)


@dataclass(frozen=True)
class OrgView:
    id: int
    name: str
    kind: str
    contact_name: str
    contact_email: str
    contact_phone: str
    active: bool
    created_at: dt.datetime


@dataclass(frozen=True)
class OrgAdmission:
    region_id: int
    region_name: str
    org_id: int
    org_name: str
    admitted_at: dt.datetime


@dataclass(frozen=True)
class PartnerPerson:
    id: int
    name: str
    email: str | None


@dataclass(frozen=True)
class PartnerModule:
    id: int
    title: str
    status: str
    region_id: int | None
    author_id: int


@dataclass(frozen=True)
class PartnerActivity:
    id: int
    iri: str
    title: str
    competency_type: str
    jp: float
    xp: int
    active: bool
    credited_statements: int


@dataclass(frozen=True)
class PartnerEvent:
    id: int
    title: str
    kind: str
    status: str
    region_id: int | None
    starts_at: dt.datetime
    ends_at: dt.datetime
    credited: int  # people whose attendance earned the event's JP


@dataclass(frozen=True)
class PartnerCertificates:
    """Verified certificates the organisation issued (imported from its completion lists), by title:
    counts only, so a region's admin does not read another region's people on a partner's page."""

    title: str
    issued: int
    jp: float


@dataclass(frozen=True)
class PartnerPage:
    org: OrgView
    regions: list[OrgAdmission]
    people: list[PartnerPerson]
    modules: list[PartnerModule]
    activities: list[PartnerActivity]
    events: list[PartnerEvent]
    certificates: list[PartnerCertificates]


class PartnerOrganisations:
    async def create(self, actor: Actor, **fields: str) -> OrgView:
        """A superadmin's organisation stands alone; a region admin's is admitted to their region."""
        if not actor.is_admin:
            raise Forbidden("admin_required")
        fields = check_org(**fields)
        async with unit_of_work():
            rows = await PartnerOrganisation.insert(
                PartnerOrganisation(
                    name=fields.name,
                    kind=fields.kind.value,
                    contact_name=fields.contact_name,
                    contact_email=fields.contact_email,
                    contact_phone=fields.contact_phone,
                )
            ).returning(PartnerOrganisation.id)
            org_id = rows[0]["id"]
            if not actor.is_superadmin:
                await PartnerRegion.insert(
                    PartnerRegion(org=org_id, region=actor.region_id, admitted_by=actor.person_id)
                )
        return await _view(org_id)

    async def update(self, actor: Actor, org_id: int, active: bool, **fields: str) -> OrgView:
        """Only a superadmin renames or deactivates an organisation several regions may rely on."""
        if not actor.is_superadmin:
            raise Forbidden("superadmin_required")
        fields = check_org(**fields)
        await check_exists(org_id)
        await PartnerOrganisation.update(
            {
                PartnerOrganisation.name: fields.name,
                PartnerOrganisation.kind: fields.kind.value,
                PartnerOrganisation.contact_name: fields.contact_name,
                PartnerOrganisation.contact_email: fields.contact_email,
                PartnerOrganisation.contact_phone: fields.contact_phone,
                PartnerOrganisation.active: active,
            }
        ).where(PartnerOrganisation.id == org_id)
        return await _view(org_id)

    async def list(self, actor: Actor) -> list[OrgView]:
        """Every organisation, for admins choosing one to admit."""
        if not actor.is_admin:
            raise Forbidden("admin_required")
        rows = await PartnerOrganisation.select().order_by(PartnerOrganisation.name)
        return [_org(row) for row in rows]

    async def admit(self, actor: Actor, region_id: int, org_id: int) -> OrgAdmission:
        """Admitting twice is harmless: the first admission stands."""
        await _check_region(actor, region_id)
        org = await PartnerOrganisation.select(PartnerOrganisation.active).where(PartnerOrganisation.id == org_id)
        if not org or not org[0]["active"]:
            raise NotFound("partner_org_not_found")
        try:
            async with unit_of_work():
                if not await _admitted(org_id, region_id):
                    await PartnerRegion.insert(PartnerRegion(org=org_id, region=region_id, admitted_by=actor.person_id))
        except Exception as error:  # admitted at the same moment by another request
            if not is_unique_violation(error):
                raise
        return next(a for a in await self.admissions(actor, region_id) if a.org_id == org_id)

    async def withdraw(self, actor: Actor, region_id: int, org_id: int) -> None:
        """The organisation's modules and credits already given stay; nothing new is credited here."""
        await _check_region(actor, region_id)
        await PartnerRegion.delete().where((PartnerRegion.org == org_id) & (PartnerRegion.region == region_id))

    async def admissions(self, actor: Actor, region_id: int) -> list[OrgAdmission]:
        await _check_region(actor, region_id)
        return await _admissions(PartnerRegion.region == region_id)

    async def attach(self, actor: Actor, org_id: int, person_id: int, attached: bool = True) -> PartnerPage:
        """Make a partner person one of the organisation's people (or detach them). A superadmin may;
        a region admin only for an organisation admitted by their region alone, so that no admin
        hands an account the machine keys of an organisation other regions rely on."""
        await check_exists(org_id)
        if not actor.is_superadmin:
            if not actor.is_admin or await admitting_regions(org_id) != [actor.region_id]:
                raise Forbidden("partner_org_attach_superadmin")
        person = await Person.select(Person.roles, Person.active, Person.partner_org).where(Person.id == person_id)
        if not person or not person[0]["active"]:
            raise NotFound("partner_not_found")
        if Role.PARTNER not in parse_roles(person[0]["roles"]):
            raise InvalidInput("partner_role_required")
        if not actor.is_superadmin and person[0]["partner_org"] not in (None, org_id):
            raise Forbidden("partner_org_attach_superadmin")  # moving someone out of another organisation
        if attached:
            await Person.update({Person.partner_org: org_id}).where(Person.id == person_id)
        elif person[0]["partner_org"] == org_id:
            await Person.update({Person.partner_org: None}).where(Person.id == person_id)
        return await self.page(actor, org_id)

    async def page(self, actor: Actor, org_id: int) -> PartnerPage:
        """The organisation, its regions, people, modules, xAPI activities with their credited counts,
        events and certificates issued; a region's admin sees the work done in their region (and the
        national modules and events), not another region's."""
        region_id = await check_viewer(actor, org_id)
        people = await (
            Person.select(Person.id, Person.name, Person.email)
            .where((Person.partner_org == org_id) & (Person.active == True))  # noqa: E712
            .order_by(Person.name)
        )
        modules = await (
            Module.select(Module.id, Module.title, Module.status, Module.region, Module.partner)
            .where(Module.partner.partner_org == org_id, *_in_region(Module.region, region_id))
            .order_by(Module.id)
        )
        return PartnerPage(
            org=await _view(org_id),
            regions=await _admissions(PartnerRegion.org == org_id),
            people=[PartnerPerson(p["id"], p["name"], p["email"]) for p in people],
            modules=[PartnerModule(m["id"], m["title"], m["status"], m["region"], m["partner"]) for m in modules],
            activities=await _activities(org_id, region_id),
            events=await _events(org_id, region_id),
            certificates=await _certificates(org_id, region_id),
        )


def _in_region(column, region_id: int | None) -> list:
    """Rows of the region and national ones (a column that may be null), or every row."""
    return [] if region_id is None else [(column == region_id) | column.is_null()]


async def _events(org_id: int, region_id: int | None) -> list[PartnerEvent]:
    rows = await (
        Event.select()
        .where(Event.partner_org == org_id, *_in_region(Event.region, region_id))
        .order_by(Event.starts_at, Event.id)
    )
    credits = await JpCredit.select(JpCredit.source_id, JpCredit.reversal).where(
        (JpCredit.source_kind == JpSource.WORKSHOP.value) & JpCredit.source_id.is_in([r["id"] for r in rows] or [0])
    )
    credited: dict[int, int] = {}
    for credit in credits:
        credited[credit["source_id"]] = credited.get(credit["source_id"], 0) + (-1 if credit["reversal"] else 1)
    return [
        PartnerEvent(
            r["id"],
            r["title"],
            r["kind"],
            r["status"],
            r["region"],
            as_datetime(r["starts_at"]),
            as_datetime(r["ends_at"]),
            credited.get(r["id"], 0),
        )
        for r in rows
    ]


async def _certificates(org_id: int, region_id: int | None) -> list[PartnerCertificates]:
    rows = await (
        Certificate.select(
            Certificate.title, Count(Certificate.id, alias="issued"), Sum(Certificate.jp_granted_centi, alias="jp")
        )
        .where(
            (Certificate.partner_org == org_id) & (Certificate.status == CertificateStatus.VERIFIED.value),
            *([] if region_id is None else [Certificate.person.region == region_id]),
        )
        .group_by(Certificate.title)
        .order_by(Certificate.title)
    )
    return [PartnerCertificates(r["title"], int(r["issued"]), int(r["jp"] or 0) / 100) for r in rows]


async def _activities(org_id: int, region_id: int | None) -> list[PartnerActivity]:
    rows = await XapiActivity.select().where(XapiActivity.org == org_id).order_by(XapiActivity.id)
    credited = await XapiStatement.select(XapiStatement.activity).where(
        (XapiStatement.org == org_id) & (XapiStatement.credit == "credited"),
        *([] if region_id is None else [XapiStatement.person.region == region_id]),
    )
    counts: dict[int, int] = {}
    for row in credited:
        counts[row["activity"]] = counts.get(row["activity"], 0) + 1
    return [
        PartnerActivity(
            r["id"],
            r["iri"],
            r["title"],
            r["competency_type"],
            r["jp_centi"] / 100,
            r["xp"],
            r["active"],
            counts.get(r["id"], 0),
        )
        for r in rows
    ]


async def _view(org_id: int) -> OrgView:
    row = await PartnerOrganisation.select().where(PartnerOrganisation.id == org_id).first()
    if row is None:
        raise NotFound("partner_org_not_found")
    return _org(row)


def _org(row: dict) -> OrgView:
    return OrgView(
        row["id"],
        row["name"],
        row["kind"],
        row["contact_name"],
        row["contact_email"],
        row["contact_phone"],
        row["active"],
        row["created_at"],
    )


async def _admitted(org_id: int, region_id: int) -> bool:
    return await PartnerRegion.exists().where((PartnerRegion.org == org_id) & (PartnerRegion.region == region_id))


async def _admissions(where) -> list[OrgAdmission]:
    rows = await (
        PartnerRegion.select(
            PartnerRegion.region,
            PartnerRegion.region.name,
            PartnerRegion.org,
            PartnerRegion.org.name,
            PartnerRegion.created_at,
        )
        .where(where)
        .order_by(PartnerRegion.id)
    )
    return [OrgAdmission(r["region"], r["region.name"], r["org"], r["org.name"], r["created_at"]) for r in rows]


async def _check_region(actor: Actor, region_id: int) -> None:
    if not actor.administers(region_id):
        raise Forbidden("outside_region")
    if not await Region.exists().where(Region.id == region_id):
        raise NotFound("region_not_found")
