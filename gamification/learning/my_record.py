"""A learner's own record (``GET /me/learning``): JP for the year against the target, and completions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.access import Actor
from domain.errors import InvalidInput
from domain.jp import jp_value
from domain.timezones import local_year
from gamification.learning.jp_ledger import JpYear, jp_year
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.regions import region_timezone
from gamification.storage.tables import Completion


@dataclass(frozen=True)
class CompletionView:
    id: int
    module_id: int
    title: str
    competency_type: str
    jp: float
    xp: int
    score: int
    completed_at: dt.datetime
    local_date: dt.date


@dataclass(frozen=True)
class LearningRecord:
    jp: JpYear
    completions: Page[CompletionView]


class MyRecord:
    async def record(self, actor: Actor, year: int | None, page: PageRequest) -> LearningRecord:
        """The calendar year is the region's (default: this year); completions newest first."""
        year = year if year is not None else local_year(await region_timezone(actor.region_id))
        if not 2000 <= year <= 2100:
            raise InvalidInput("year_out_of_range")
        query = Completion.select(
            Completion.id,
            Completion.module,
            Completion.module_version.title,
            Completion.competency_type,
            Completion.jp_centi,
            Completion.xp,
            Completion.score,
            Completion.completed_at,
            Completion.local_date,
        ).where(
            Completion.person == actor.person_id,
            Completion.local_date >= dt.date(year, 1, 1),
            Completion.local_date <= dt.date(year, 12, 31),
        )
        if page.after_id is not None:
            query = query.where(Completion.id < page.after_id)
        rows = await query.order_by(Completion.id, ascending=False).limit(page.limit + 1)
        completions = [
            CompletionView(
                id=row["id"],
                module_id=row["module"],
                title=row["module_version.title"],
                competency_type=row["competency_type"],
                jp=jp_value(row["jp_centi"]),
                xp=row["xp"],
                score=row["score"],
                completed_at=row["completed_at"],
                local_date=row["local_date"],
            )
            for row in rows
        ]
        return LearningRecord(await jp_year(actor.person_id, year), page_of(completions, page, lambda c: c.id))
