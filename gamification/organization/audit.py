"""The audit log: every change an admin, manager, partner or superadmin made, readable by region admins.

Rows are written by the HTTP layer once an action has succeeded (api/http/audit.py), so the log names
the route, the ids it touched and where the request came from, never a request body (which may
hold a password).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.access import Actor
from gamification.storage.json_column import loaded
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.tables import AuditEvent

MAX_ACTION_FILTER = 160


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    actor_id: int | None
    actor_name: str | None
    region_id: int | None
    action: str
    target: dict
    status: int
    address: str


async def record(actor: Actor, region_id: int | None, action: str, target: dict, status: int, address: str) -> None:
    await AuditEvent.insert(
        AuditEvent(
            actor=actor.person_id,
            region=region_id,
            action=action[:160],
            target=target,
            status=status,
            address=address[:64],
        )
    )


class AuditLog:
    async def list(
        self, actor: Actor, region_id: int | None, page: PageRequest, action: str | None, actor_id: int | None
    ) -> Page[AuditEntry]:
        """Newest first. A region admin reads their region's log; a superadmin every region's and the national one."""
        region = actor.listable_region(region_id)
        query = AuditEvent.select(
            *AuditEvent.all_columns(exclude=[AuditEvent.actor]), AuditEvent.actor.id, AuditEvent.actor.name
        )
        if region is not None:
            query = query.where(AuditEvent.region == region)
        if action:
            query = query.where(AuditEvent.action == action)
        if actor_id is not None:
            query = query.where(AuditEvent.actor == actor_id)
        if page.after_id is not None:
            query = query.where(AuditEvent.id < page.after_id)
        rows = await query.order_by(AuditEvent.id, ascending=False).limit(page.limit + 1)
        entries = [
            AuditEntry(
                id=row["id"],
                at=row["at"],
                actor_id=row["actor.id"],
                actor_name=row["actor.name"],
                region_id=row["region"],
                action=row["action"],
                target=loaded(row["target"]),
                status=row["status"],
                address=row["address"],
            )
            for row in rows
        ]
        return page_of(entries, page, lambda entry: entry.id)
