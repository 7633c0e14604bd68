"""The activities of a partner's own content whose completion earns JP and XP, registered by its people.

An activity credits in the regions that admitted its organisation, as they stand when a statement
arrives (a region that withdraws its admission stops new credits there; earlier ones stay).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.access import Actor
from domain.errors import Conflict, InvalidInput, NotFound
from domain.partners import check_activity
from domain.xapi import MAX_IRI
from gamification.partners.reach import admitting_regions, check_member
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.tables import XapiActivity


@dataclass(frozen=True)
class Activity:
    id: int
    iri: str
    title: str
    competency_type: str
    jp: float
    xp: int
    active: bool
    region_ids: list[int]  # where its completions credit: the regions that admitted the organisation
    created_at: dt.datetime


class XapiActivities:
    async def register(
        self, actor: Actor, org_id: int, iri: str, title: str, competency_type: str, jp: float, xp: int
    ) -> Activity:
        """An activity IRI, once per organisation, with what a completion is worth."""
        await check_member(actor, org_id)
        fields = check_activity(title, competency_type, jp, xp)
        iri = iri.strip()
        if not iri or len(iri) > MAX_IRI or ":" not in iri or any(c.isspace() for c in iri):
            raise InvalidInput("xapi_activity_iri_invalid")
        try:
            rows = await XapiActivity.insert(
                XapiActivity(
                    org=org_id,
                    iri=iri,
                    title=fields.title,
                    competency_type=fields.competency_type.value,
                    jp_centi=fields.jp_centi,
                    xp=fields.xp,
                )
            ).returning(XapiActivity.id)
        except Exception as error:
            if is_unique_violation(error):
                raise Conflict("xapi_activity_registered") from None
            raise
        return await self._get(org_id, rows[0]["id"])

    async def update(
        self,
        actor: Actor,
        org_id: int,
        activity_id: int,
        *,
        title: str,
        competency_type: str,
        jp: float,
        xp: int,
        active: bool,
    ) -> Activity:
        """New worth for completions from now on (earlier credits stand); ``active=False`` retires it."""
        await check_member(actor, org_id)
        fields = check_activity(title, competency_type, jp, xp)
        await self._get(org_id, activity_id)
        await XapiActivity.update(
            {
                XapiActivity.title: fields.title,
                XapiActivity.competency_type: fields.competency_type.value,
                XapiActivity.jp_centi: fields.jp_centi,
                XapiActivity.xp: fields.xp,
                XapiActivity.active: active,
            }
        ).where(XapiActivity.id == activity_id)
        return await self._get(org_id, activity_id)

    async def retire(self, actor: Actor, org_id: int, activity_id: int) -> None:
        """Its completions credit nothing from now on; what was credited stays."""
        await check_member(actor, org_id)
        await self._get(org_id, activity_id)
        await XapiActivity.update({XapiActivity.active: False}).where(XapiActivity.id == activity_id)

    async def list(self, actor: Actor, org_id: int) -> list[Activity]:
        await check_member(actor, org_id)
        regions = await admitting_regions(org_id)
        rows = await XapiActivity.select().where(XapiActivity.org == org_id).order_by(XapiActivity.id)
        return [_activity(row, regions) for row in rows]

    async def _get(self, org_id: int, activity_id: int) -> Activity:
        row = await XapiActivity.select().where((XapiActivity.id == activity_id) & (XapiActivity.org == org_id)).first()
        if row is None:
            raise NotFound("xapi_activity_not_found")
        return _activity(row, await admitting_regions(org_id))


def _activity(row: dict, regions: list[int]) -> Activity:
    return Activity(
        row["id"],
        row["iri"],
        row["title"],
        row["competency_type"],
        row["jp_centi"] / 100,
        row["xp"],
        row["active"],
        sorted(regions),
        row["created_at"],
    )
