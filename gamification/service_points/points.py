"""Publishing a unit's services: the managers of the unit (their scope) and the region's admins create,
list, read and edit them, renew a point's public link (the old one stops at once) and show the day's
site code with the link that carries it, as text or as a QR code."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import segno

from domain.access import Actor, check_oversees_staff
from domain.errors import Forbidden, NotFound
from domain.service_points import check_point_fields
from domain.site_codes import code_of_today
from gamification.service_points.records import (
    COLUMNS,
    PUBLIC_PATH,
    ServicePointView,
    managed_point,
    manages_point,
    new_public_key,
    new_site_code_secret,
    view,
)
from gamification.storage.database import unit_of_work
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.reach import decider_reach
from gamification.storage.regions import region_timezone
from gamification.storage.settings import Settings
from gamification.storage.tables import ServicePoint, Unit

EDITABLE = ("name", "description", "requires_site_code", "yearly_users", "complaint_answer_days", "active")


@dataclass(frozen=True)
class SiteCode:
    service_point_id: int
    code: str
    local_date: dt.date
    valid_until: dt.datetime  # the next local midnight (yesterday's code is still taken for a short grace)
    requires_site_code: bool  # when false the code is shown but answers do not need it
    path: str  # the citizens' form with today's code: what the counter's QR holds
    url: str


class ServicePoints:
    def __init__(self, settings: Settings) -> None:
        self._public_url = settings.public_url

    async def create(self, actor: Actor, unit_id: int, fields: dict) -> ServicePointView:
        """A service of a unit the caller manages (or of their region, for an admin), with a new public link."""
        check_oversees_staff(actor)
        unit = await Unit.select(Unit.region, Unit.path).where(Unit.id == unit_id).first()
        if unit is None:
            raise NotFound("unit_not_found")
        if not manages_point(actor, unit["region"], unit["path"]):
            raise Forbidden("outside_region" if not actor.sees_region(unit["region"]) else "service_point_out_of_reach")
        fields = check_point_fields(fields)
        async with unit_of_work():
            rows = await ServicePoint.insert(
                ServicePoint(
                    region=unit["region"],
                    unit=unit_id,
                    public_key=new_public_key(),
                    site_code_secret=new_site_code_secret(),
                    created_by=actor.person_id,
                    **fields,
                )
            ).returning(ServicePoint.id)
        return await self.get(actor, rows[0]["id"])

    async def list(self, actor: Actor, unit_id: int | None, page: PageRequest) -> Page[ServicePointView]:
        """The points in the caller's reach (a manager's units, an admin's region, everything for a superadmin)."""
        check_oversees_staff(actor)
        where = decider_reach(actor, ServicePoint.region, ServicePoint.unit.path)
        if where is None:  # an admin without a region sees nothing rather than everything
            return Page([], None)
        if unit_id is not None:
            where &= ServicePoint.unit == unit_id
        if page.after_id is not None:
            where &= ServicePoint.id > page.after_id
        rows = await ServicePoint.select(*COLUMNS).where(where).order_by(ServicePoint.id).limit(page.limit + 1)
        return page_of([view(row) for row in rows], page, lambda point: point.id)

    async def get(self, actor: Actor, point_id: int) -> ServicePointView:
        check_oversees_staff(actor)
        return view(await managed_point(actor, point_id))

    async def update(self, actor: Actor, point_id: int, changes: dict) -> ServicePointView:
        """Changes the fields sent; a point made inactive answers citizens 404 until made active again."""
        check_oversees_staff(actor)
        await managed_point(actor, point_id)
        changes = check_point_fields({k: v for k, v in changes.items() if k in EDITABLE}, partial=True)
        if changes:
            await ServicePoint.update({getattr(ServicePoint, k): v for k, v in changes.items()}).where(
                ServicePoint.id == point_id
            )
        return await self.get(actor, point_id)

    async def renew_link(self, actor: Actor, point_id: int) -> ServicePointView:
        """A new public key (and a new secret of the day's code): the old link and its QR stop working at once."""
        check_oversees_staff(actor)
        await managed_point(actor, point_id)
        await ServicePoint.update(
            {
                ServicePoint.public_key: new_public_key(),
                ServicePoint.site_code_secret: new_site_code_secret(),
                ServicePoint.link_renewed_at: dt.datetime.now(dt.timezone.utc),
            }
        ).where(ServicePoint.id == point_id)
        return await self.get(actor, point_id)

    async def site_code(self, actor: Actor, point_id: int, base_url: str) -> SiteCode:
        """Today's code (the region's calendar) and the link that carries it, for the counter's QR."""
        check_oversees_staff(actor)
        row = await managed_point(actor, point_id)
        now = dt.datetime.now(dt.timezone.utc)
        code, today, until = code_of_today(row["site_code_secret"], now, await region_timezone(row["region"]))
        path = PUBLIC_PATH.format(key=row["public_key"]) + (f"?kode={code}" if row["requires_site_code"] else "")
        url = (self._public_url or base_url.rstrip("/")) + path
        return SiteCode(row["id"], code, today, until, row["requires_site_code"], path, url)

    async def qr_svg(self, actor: Actor, point_id: int, base_url: str) -> bytes:
        """The link as a printable SVG QR code; with a site code it holds today's code and is good for today only."""
        code = await self.site_code(actor, point_id, base_url)
        buffer = io.BytesIO()
        segno.make(code.url, error="m").save(buffer, kind="svg", scale=10, border=4, xmldecl=True, title=code.url)
        return buffer.getvalue()
