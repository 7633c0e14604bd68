"""Regions (tenants), agencies (OPD) and nested units, each within its admin's reach."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.access import Actor, unit_path
from domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from domain.text import check_shown_text
from domain.timezones import parse_timezone
from gamification.organization.national_holidays import add_national_holidays
from gamification.storage.database import unit_of_work
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.tables import Agency, Region, Unit

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class RegionView:
    id: int
    name: str
    slug: str
    timezone: str


@dataclass(frozen=True)
class AgencyView:
    id: int
    region_id: int
    name: str


@dataclass(frozen=True)
class UnitView:
    id: int
    agency_id: int
    region_id: int
    parent_id: int | None
    name: str
    path: str


def _region(row: dict) -> RegionView:
    return RegionView(id=row["id"], name=row["name"], slug=row["slug"], timezone=row["timezone"])


def _agency(row: dict) -> AgencyView:
    return AgencyView(id=row["id"], region_id=row["region"], name=row["name"])


def _unit(row: dict) -> UnitView:
    return UnitView(
        id=row["id"],
        agency_id=row["agency"],
        region_id=row["region"],
        parent_id=row["parent"],
        name=row["name"],
        path=row["path"],
    )


def _require_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise InvalidInput("name_required")
    return check_shown_text(name)


def _require_admin_of(actor: Actor, region_id: int) -> None:
    if not actor.administers(region_id):
        raise Forbidden("outside_region")


class OrganizationService:
    # Regions ---------------------------------------------------------------------------------
    async def create_region(self, actor: Actor, name: str, slug: str, timezone: str) -> RegionView:
        if not actor.is_superadmin:
            raise Forbidden("superadmin_required")
        if not SLUG_PATTERN.fullmatch(slug):
            raise InvalidInput("slug_format")
        parse_timezone(timezone)
        async with unit_of_work():
            if await Region.exists().where(Region.slug == slug):
                raise Conflict("slug_taken", slug=slug)
            row = (
                await Region.insert(Region(name=_require_name(name), slug=slug, timezone=timezone)).returning(
                    *Region.all_columns()
                )
            )[0]
            await add_national_holidays(row["id"])
        return _region(row)

    async def get_region(self, actor: Actor, region_id: int) -> RegionView:
        row = await Region.select().where(Region.id == region_id).first()
        if row is None:
            raise NotFound("region_not_found")
        _require_admin_of(actor, region_id)
        return _region(row)

    async def update_region(self, actor: Actor, region_id: int, name: str | None, timezone: str | None) -> RegionView:
        await self.get_region(actor, region_id)
        changes = {}
        if name is not None:
            changes[Region.name] = _require_name(name)
        if timezone is not None:
            parse_timezone(timezone)
            changes[Region.timezone] = timezone
        if changes:
            async with unit_of_work():
                await Region.update(changes).where(Region.id == region_id)
        return await self.get_region(actor, region_id)

    async def list_regions(self, actor: Actor, page: PageRequest) -> Page[RegionView]:
        query = Region.select().order_by(Region.id).limit(page.limit + 1)
        if page.after_id is not None:
            query = query.where(Region.id > page.after_id)
        if not actor.is_superadmin:
            query = query.where(Region.id == actor.region_id)
        return page_of([_region(r) for r in await query], page, lambda r: r.id)

    # Agencies --------------------------------------------------------------------------------
    async def create_agency(self, actor: Actor, region_id: int, name: str) -> AgencyView:
        if not await Region.exists().where(Region.id == region_id):
            raise NotFound("region_not_found")
        _require_admin_of(actor, region_id)
        name = _require_name(name)
        async with unit_of_work():
            if await Agency.exists().where((Agency.region == region_id) & (Agency.name == name)):
                raise Conflict("agency_exists")
            row = (await Agency.insert(Agency(region=region_id, name=name)).returning(*Agency.all_columns()))[0]
        return _agency(row)

    async def get_agency(self, actor: Actor, agency_id: int) -> AgencyView:
        row = await Agency.select().where(Agency.id == agency_id).first()
        if row is None:
            raise NotFound("agency_not_found")
        _require_admin_of(actor, row["region"])
        return _agency(row)

    async def update_agency(self, actor: Actor, agency_id: int, name: str) -> AgencyView:
        agency = await self.get_agency(actor, agency_id)
        name = _require_name(name)
        async with unit_of_work():
            clash = Agency.exists().where(
                (Agency.region == agency.region_id) & (Agency.name == name) & (Agency.id != agency_id)
            )
            if await clash:
                raise Conflict("agency_exists")
            await Agency.update({Agency.name: name}).where(Agency.id == agency_id)
        return await self.get_agency(actor, agency_id)

    async def list_agencies(self, actor: Actor, region_id: int | None, page: PageRequest) -> Page[AgencyView]:
        region_id = actor.listable_region(region_id)
        query = Agency.select().order_by(Agency.id).limit(page.limit + 1)
        if page.after_id is not None:
            query = query.where(Agency.id > page.after_id)
        if region_id is not None:
            query = query.where(Agency.region == region_id)
        return page_of([_agency(r) for r in await query], page, lambda a: a.id)

    # Units -----------------------------------------------------------------------------------
    async def create_unit(self, actor: Actor, agency_id: int, parent_id: int | None, name: str) -> UnitView:
        agency = await self.get_agency(actor, agency_id)
        name = _require_name(name)
        parent_path = None
        if parent_id is not None:
            parent = await Unit.select(Unit.agency, Unit.path).where(Unit.id == parent_id).first()
            if parent is None or parent["agency"] != agency_id:
                raise InvalidInput("parent_unit_outside_agency")
            parent_path = parent["path"]
        async with unit_of_work():
            row = (
                await Unit.insert(
                    Unit(agency=agency_id, region=agency.region_id, parent=parent_id, name=name, path="")
                ).returning(Unit.id)
            )[0]
            await Unit.update({Unit.path: unit_path(parent_path, row["id"])}).where(Unit.id == row["id"])
        return await self.get_unit(actor, row["id"])

    async def get_unit(self, actor: Actor, unit_id: int) -> UnitView:
        row = await Unit.select().where(Unit.id == unit_id).first()
        if row is None:
            raise NotFound("unit_not_found")
        _require_admin_of(actor, row["region"])
        return _unit(row)

    async def update_unit(self, actor: Actor, unit_id: int, name: str) -> UnitView:
        await self.get_unit(actor, unit_id)
        async with unit_of_work():
            await Unit.update({Unit.name: _require_name(name)}).where(Unit.id == unit_id)
        return await self.get_unit(actor, unit_id)

    async def list_units(
        self, actor: Actor, agency_id: int | None, region_id: int | None, page: PageRequest
    ) -> Page[UnitView]:
        region_id = actor.listable_region(region_id)
        query = Unit.select().order_by(Unit.id).limit(page.limit + 1)
        if page.after_id is not None:
            query = query.where(Unit.id > page.after_id)
        if region_id is not None:
            query = query.where(Unit.region == region_id)
        if agency_id is not None:
            query = query.where(Unit.agency == agency_id)
        return page_of([_unit(r) for r in await query], page, lambda u: u.id)
