"""Building a small world of two regions directly through the services (fast, no HTTP)."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from domain.access import Actor
from domain.roles import Role
from gamification.identity.passwords import hash_password
from gamification.identity.tokens import issue_access_token
from gamification.organization.structure import OrganizationService
from gamification.storage.database import unit_of_work
from gamification.storage.settings import Settings
from gamification.storage.tables import Holiday, Person

PASSWORD = "kata-sandi-rahasia"
SYSTEM = Actor(person_id=0, roles=frozenset({Role.SUPERADMIN}), region_id=None, unit_id=None, unit_path=None)
_serials = itertools.count(1)
_password_hash: str | None = None


def make_nip(serial: int | None = None, birth: str | None = None, appointed: str = "201003", sex: str = "1") -> str:
    """A valid NIP, unique per serial: past a thousand people the birth date moves on a day."""
    serial = next(_serials) if serial is None else serial
    if birth is None:
        birth = f"{dt.date(1985, 4, 12) + dt.timedelta(days=serial // 1000):%Y%m%d}"
    return f"{birth}{appointed}{sex}{serial % 1000:03d}"


async def add_person(
    name: str,
    unit_id: int | None,
    region_id: int | None,
    roles: str = "asn",
    email: str | None = None,
    nip: str | None = None,
    active: bool = True,
) -> int:
    global _password_hash
    _password_hash = _password_hash or await hash_password(PASSWORD)
    nip = nip if nip is not None or "asn" not in roles else make_nip()
    row = await Person.insert(
        Person(
            name=name,
            nip=nip,
            email=email,
            staff_type="PNS" if nip else None,
            unit=unit_id,
            region=region_id,
            roles=roles,
            password_hash=_password_hash,
            active=active,
        )
    ).returning(Person.id)
    return row[0]["id"]


@dataclass
class RegionWorld:
    region_id: int
    agency_id: int
    head_unit: int
    child_unit: int
    other_agency_id: int
    other_unit: int
    admin: int
    manager: int
    asn: int
    asn_child: int


@dataclass
class World:
    superadmin: int
    pontianak: RegionWorld
    palu: RegionWorld


async def build_region(org: OrganizationService, name: str, slug: str, timezone: str) -> RegionWorld:
    region = await org.create_region(SYSTEM, name, slug, timezone)
    # The test world's calendar starts empty: a test that counts working days names its holidays itself
    # (the national ones: tests/organization/test_national_holidays.py).
    await Holiday.delete().where(Holiday.region == region.id)
    agency = await org.create_agency(SYSTEM, region.id, "Dinas Kominfo")
    head = await org.create_unit(SYSTEM, agency.id, None, "Bidang E-Government")
    child = await org.create_unit(SYSTEM, agency.id, head.id, "Seksi Aplikasi")
    other_agency = await org.create_agency(SYSTEM, region.id, "Disdukcapil")
    other = await org.create_unit(SYSTEM, other_agency.id, None, "Bidang Pelayanan")
    return RegionWorld(
        region_id=region.id,
        agency_id=agency.id,
        head_unit=head.id,
        child_unit=child.id,
        other_agency_id=other_agency.id,
        other_unit=other.id,
        admin=await add_person(f"Admin {name}", head.id, region.id, "admin;asn", email=f"admin@{slug}.test"),
        manager=await add_person(f"Manajer {name}", head.id, region.id, "manager;asn", email=f"manajer@{slug}.test"),
        asn=await add_person(f"ASN {name}", head.id, region.id, "asn", email=f"asn@{slug}.test"),
        asn_child=await add_person(f"ASN Seksi {name}", child.id, region.id, "asn"),
    )


async def build_world() -> World:
    org = OrganizationService()
    async with unit_of_work():  # one commit for the whole world: the services' own units of work join it
        return World(
            superadmin=await add_person("Super Admin", None, None, "superadmin", email="root@tangkas.test"),
            pontianak=await build_region(org, "Kota Pontianak", "pontianak", "Asia/Jakarta"),
            palu=await build_region(org, "Kota Palu", "palu", "Asia/Makassar"),
        )


def bearer(settings: Settings, person_id: int, token_epoch: int = 0) -> dict[str, str]:
    """Headers of a signed-in person; ``token_epoch`` is the person's (0 until their sessions are ended)."""
    token = issue_access_token(settings, person_id, dt.datetime.now(dt.timezone.utc), token_epoch)
    return {"Authorization": f"Bearer {token}"}
