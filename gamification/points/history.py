"""A person's ledger, each entry explained: which fact, which rule, which version of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.access import Actor
from gamification.points.rules import DESCRIPTIONS
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.tables import XpEntry


@dataclass(frozen=True)
class PointEntry:
    id: int
    xp: int
    fact_id: int
    fact_kind: str
    label: str
    rule_code: str
    rule_description: str
    rule_version_id: int
    rule_effective_from: dt.date
    occurred_at: dt.datetime
    local_date: dt.date
    recorded_at: dt.datetime


class PointsHistory:
    async def list(self, actor: Actor, page: PageRequest) -> Page[PointEntry]:
        query = XpEntry.select(
            XpEntry.id,
            XpEntry.xp,
            XpEntry.fact,
            XpEntry.fact.kind,
            XpEntry.fact.label,
            XpEntry.rule_code,
            XpEntry.rule,
            XpEntry.rule.effective_from,
            XpEntry.occurred_at,
            XpEntry.local_date,
            XpEntry.created_at,
        ).where(XpEntry.person == actor.person_id)
        if page.after_id is not None:
            query = query.where(XpEntry.id < page.after_id)
        rows = await query.order_by(XpEntry.id, ascending=False).limit(page.limit + 1)
        entries = [
            PointEntry(
                id=r["id"],
                xp=r["xp"],
                fact_id=r["fact"],
                fact_kind=r["fact.kind"],
                label=r["fact.label"],
                rule_code=r["rule_code"],
                rule_description=DESCRIPTIONS.get(r["rule_code"], ""),
                rule_version_id=r["rule"],
                rule_effective_from=r["rule.effective_from"],
                occurred_at=r["occurred_at"],
                local_date=r["local_date"],
                recorded_at=r["created_at"],
            )
            for r in rows
        ]
        return page_of(entries, page, lambda e: e.id)
