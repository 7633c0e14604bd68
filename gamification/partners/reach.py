"""Who reaches a partner organisation: its own people manage it, the admins of the regions that admitted
it see it, a superadmin does both. Anyone else is told it does not exist."""

from __future__ import annotations

from domain.access import Actor
from domain.errors import Forbidden, NotFound
from domain.roles import Role
from gamification.storage.tables import PartnerOrganisation, PartnerRegion, Person


async def org_of(person_id: int) -> int | None:
    """The organisation of an active partner person, if any."""
    row = (
        await Person.select(Person.partner_org, Person.roles)
        .where((Person.id == person_id) & (Person.active == True))  # noqa: E712
        .first()
    )
    if row is None or Role.PARTNER.value not in row["roles"].split(";"):
        return None
    return row["partner_org"]


async def admitting_regions(org_id: int) -> list[int]:
    return await PartnerRegion.select(PartnerRegion.region).where(PartnerRegion.org == org_id).output(as_list=True)


async def check_exists(org_id: int) -> None:
    if not await PartnerOrganisation.exists().where(PartnerOrganisation.id == org_id):
        raise NotFound("partner_org_not_found")


async def check_member(actor: Actor, org_id: int) -> None:
    """The organisation's own people (and a superadmin) manage its credentials and activities."""
    await check_exists(org_id)
    if actor.is_superadmin or await org_of(actor.person_id) == org_id:
        return
    if await _sees(actor, org_id):
        raise Forbidden("partner_org_members_only")
    raise NotFound("partner_org_not_found")


async def check_viewer(actor: Actor, org_id: int) -> int | None:
    """Its people, the admins of the regions that admitted it, and a superadmin see the organisation.
    Answers the one region a viewer sees its work in (a region's admin), or None for all of it."""
    await check_exists(org_id)
    if actor.is_superadmin or await org_of(actor.person_id) == org_id:
        return None
    if await _sees(actor, org_id):
        return actor.region_id
    raise NotFound("partner_org_not_found")


async def _sees(actor: Actor, org_id: int) -> bool:
    return Role.ADMIN in actor.roles and actor.region_id in await admitting_regions(org_id)
