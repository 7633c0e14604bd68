"""The admin's side of the badges: list (retired ones on request), edit, retire.

A region's admin keeps the region's badges; national ones are the superadmin's. Retiring stops
awarding (a person's badge stays theirs, with its reason); the code stays taken. Changed criteria
count for awards from now on, never taking back one already given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.access import Actor
from domain.badges import check_criteria
from domain.errors import Forbidden, InvalidInput, NotFound
from domain.text import check_shown_text
from gamification.storage.database import unit_of_work
from gamification.storage.json_column import loaded
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.tables import Badge, PersonBadge

MAX_NAME = 80


@dataclass(frozen=True)
class ManagedBadgeView:
    id: int
    region_id: int | None
    code: str
    name: str
    description: str
    value: str | None
    criteria: dict
    active: bool
    holders: int


class BadgeCatalogue:
    async def list(
        self, actor: Actor, region_id: int | None, include_retired: bool, page: PageRequest
    ) -> Page[ManagedBadgeView]:
        """The region's badges (a superadmin without a region: the national ones), in the order made."""
        region_id = actor.administered_region(region_id)
        query = Badge.select().where(Badge.region.is_null() if region_id is None else Badge.region == region_id)
        if not include_retired:
            query = query.where(Badge.active == True)  # noqa: E712
        if page.after_id is not None:
            query = query.where(Badge.id > page.after_id)
        rows = await query.order_by(Badge.id).limit(page.limit + 1)
        return page_of([await _view(row) for row in rows], page, lambda view: view.id)

    async def update(self, actor: Actor, badge_id: int, changes: dict) -> ManagedBadgeView:
        """Change the name, description, BerAKHLAK value or criteria sent; the code never changes."""
        await _administered(actor, badge_id)
        values = {}
        if "name" in changes:
            name = " ".join(changes["name"].split())
            if not 1 <= len(name) <= MAX_NAME:
                raise InvalidInput("badge_code_format")
            values[Badge.name] = check_shown_text(name)
        if "description" in changes:
            values[Badge.description] = changes["description"].strip()
        if "value" in changes:
            values[Badge.value] = changes["value"]
        if "criteria" in changes:
            values[Badge.criteria] = check_criteria(changes["criteria"])
            values[Badge.criteria_changed_at] = dt.datetime.now(dt.timezone.utc)
        if values:
            async with unit_of_work():
                await Badge.update(values).where(Badge.id == badge_id)
        return await _view(await Badge.select().where(Badge.id == badge_id).first())

    async def retire(self, actor: Actor, badge_id: int) -> ManagedBadgeView:
        """No more awards of this badge; those given stay. Retiring again changes nothing."""
        await _administered(actor, badge_id)
        async with unit_of_work():
            await Badge.update({Badge.active: False}).where(Badge.id == badge_id)
        return await _view(await Badge.select().where(Badge.id == badge_id).first())


async def _administered(actor: Actor, badge_id: int) -> dict:
    row = await Badge.select(Badge.id, Badge.region).where(Badge.id == badge_id).first()
    if row is None or (row["region"] is not None and not actor.sees_region(row["region"])):
        raise NotFound("badge_not_found")
    if not actor.administers(row["region"]):
        raise Forbidden("outside_region")  # a national badge: the superadmin's
    return row


async def _view(row: dict) -> ManagedBadgeView:
    holders = await PersonBadge.count().where(PersonBadge.badge == row["id"])
    return ManagedBadgeView(
        row["id"],
        row["region"],
        row["code"],
        row["name"],
        row["description"],
        row["value"],
        loaded(row["criteria"]),
        row["active"],
        holders,
    )
