"""A service point as staff and citizens see it, and who may manage one."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from domain.access import Actor
from domain.errors import NotFound
from gamification.storage.tables import ServicePoint

PUBLIC_KEY_BYTES = 16  # 22 URL-safe characters in the link: unguessable, short enough for a small QR
PUBLIC_KEY_SHAPE = re.compile(r"[A-Za-z0-9_-]{22}")
PUBLIC_PATH = "/layanan/{key}"


@dataclass(frozen=True)
class ServicePointView:
    id: int
    region_id: int
    unit_id: int
    unit_name: str
    name: str
    description: str
    requires_site_code: bool
    yearly_users: int | None
    complaint_answer_days: int
    active: bool
    public_key: str
    public_path: str  # the citizens' form; the key changes when the link is renewed
    created_at: dt.datetime
    link_renewed_at: dt.datetime | None


@dataclass(frozen=True)
class PublicPoint:
    """What the public form needs of a point that is active and reached by its current key."""

    id: int
    region_id: int
    unit_id: int
    unit_path: str
    unit_name: str
    agency_name: str
    region_name: str
    timezone: str
    name: str
    description: str
    requires_site_code: bool
    site_code_secret: str
    public_key: str


COLUMNS = (
    *ServicePoint.all_columns(),
    ServicePoint.unit.name,
    ServicePoint.unit.path,
)


def new_public_key() -> str:
    return secrets.token_urlsafe(PUBLIC_KEY_BYTES)


def new_site_code_secret() -> str:
    return secrets.token_hex(32)


def view(row: dict) -> ServicePointView:
    return ServicePointView(
        id=row["id"],
        region_id=row["region"],
        unit_id=row["unit"],
        unit_name=row["unit.name"],
        name=row["name"],
        description=row["description"],
        requires_site_code=row["requires_site_code"],
        yearly_users=row["yearly_users"],
        complaint_answer_days=row["complaint_answer_days"],
        active=row["active"],
        public_key=row["public_key"],
        public_path=PUBLIC_PATH.format(key=row["public_key"]),
        created_at=row["created_at"],
        link_renewed_at=row["link_renewed_at"],
    )


def manages_point(actor: Actor, region_id: int, unit_path: str) -> bool:
    """An admin of the point's region (a superadmin anywhere) or a manager whose scope covers its unit."""
    return actor.administers(region_id) or actor.manages(unit_path)


async def managed_point(actor: Actor, point_id: int) -> dict:
    """The point's row if the caller manages it; out of their reach it does not exist for them (404)."""
    row = await ServicePoint.select(*COLUMNS).where(ServicePoint.id == point_id).first()
    if row is None or not manages_point(actor, row["region"], row["unit.path"]):
        raise NotFound("service_point_not_found")
    return row


async def public_point(public_key: str) -> PublicPoint:
    """The active point reached by this key: an unknown key, a renewed (old) one or an inactive point is 404."""
    if not PUBLIC_KEY_SHAPE.fullmatch(public_key or ""):
        raise NotFound("service_not_found")
    row = await (
        ServicePoint.select(
            *COLUMNS,
            ServicePoint.unit.agency.name,
            ServicePoint.region.name,
            ServicePoint.region.timezone,
        )
        .where((ServicePoint.public_key == public_key) & (ServicePoint.active.eq(True)))
        .first()
    )
    if row is None:
        raise NotFound("service_not_found")
    return PublicPoint(
        id=row["id"],
        region_id=row["region"],
        unit_id=row["unit"],
        unit_path=row["unit.path"],
        unit_name=row["unit.name"],
        agency_name=row["unit.agency.name"],
        region_name=row["region.name"],
        timezone=row["region.timezone"],
        name=row["name"],
        description=row["description"],
        requires_site_code=row["requires_site_code"],
        site_code_secret=row["site_code_secret"],
        public_key=row["public_key"],
    )
