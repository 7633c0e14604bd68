"""Partners (universities, training providers) admitted by a region to author modules for it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.access import Actor
from domain.errors import Forbidden, NotFound
from domain.roles import Role, parse_roles
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.tables import PartnerAdmission, PartnerRegion, Person, Region


@dataclass(frozen=True)
class Admission:
    region_id: int
    partner_id: int
    partner_name: str
    admitted_at: dt.datetime


async def is_admitted(partner_id: int, region_id: int) -> bool:
    """Whether a partner person may act in a region: admitted themselves, or their (active)
    organisation is. The one check every feature asks."""
    if await PartnerAdmission.exists().where(
        (PartnerAdmission.partner == partner_id) & (PartnerAdmission.region == region_id)
    ):
        return True
    person = await Person.select(Person.partner_org).where(Person.id == partner_id).first()
    if person is None or person["partner_org"] is None:
        return False
    return await PartnerRegion.exists().where(
        (PartnerRegion.org == person["partner_org"])
        & (PartnerRegion.region == region_id)
        & (PartnerRegion.org.active == True)  # noqa: E712
    )


class PartnerAdmissions:
    async def admit(self, actor: Actor, region_id: int, partner_id: int) -> Admission:
        """Admitting twice is harmless: the first admission stands."""
        await self._check_region(actor, region_id)
        partner = await Person.select(Person.roles, Person.active).where(Person.id == partner_id).first()
        if partner is None or Role.PARTNER not in parse_roles(partner["roles"]) or not partner["active"]:
            raise NotFound("partner_not_found")
        if not await is_admitted(partner_id, region_id):
            try:
                async with unit_of_work():
                    await PartnerAdmission.insert(
                        PartnerAdmission(region=region_id, partner=partner_id, admitted_by=actor.person_id)
                    )
            except Exception as error:
                if not is_unique_violation(error):
                    raise
        return next(a for a in await self.list(actor, region_id) if a.partner_id == partner_id)

    async def revoke(self, actor: Actor, region_id: int, partner_id: int) -> None:
        """The partner's modules already published stay; new ones need a new admission."""
        await self._check_region(actor, region_id)
        await PartnerAdmission.delete().where(
            (PartnerAdmission.partner == partner_id) & (PartnerAdmission.region == region_id)
        )

    async def list(self, actor: Actor, region_id: int) -> list[Admission]:
        await self._check_region(actor, region_id)
        rows = (
            await PartnerAdmission.select(
                PartnerAdmission.region,
                PartnerAdmission.partner,
                PartnerAdmission.partner.name,
                PartnerAdmission.created_at,
            )
            .where(PartnerAdmission.region == region_id)
            .order_by(PartnerAdmission.id)
        )
        return [Admission(r["region"], r["partner"], r["partner.name"], r["created_at"]) for r in rows]

    async def _check_region(self, actor: Actor, region_id: int) -> None:
        if not actor.administers(region_id):
            raise Forbidden("outside_region")
        if not await Region.exists().where(Region.id == region_id):
            raise NotFound("region_not_found")
