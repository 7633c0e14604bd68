from __future__ import annotations

from typing import Annotated

import msgspec

from api.schemas.modules import ItemProblem
from gamification.rewards.manager_desk import TeamMemberProgress, TeamUnit, TeamView
from gamification.satisfaction.team import TeamService

Short = Annotated[str, msgspec.Meta(max_length=40)]


class BulkItemIn(msgspec.Struct, forbid_unknown_fields=True):
    kind: Short
    id: Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)]
    decision: Short
    comment: Annotated[str, msgspec.Meta(max_length=1000)] = ""
    impact: Short | None = None


class BulkIn(msgspec.Struct, forbid_unknown_fields=True):
    items: Annotated[list[BulkItemIn], msgspec.Meta(max_length=100)]


class BulkItemOut(msgspec.Struct):
    kind: str
    id: int
    status: int
    result_status: str | None = None
    problem: ItemProblem | None = None


class BulkOut(msgspec.Struct):
    results: list[BulkItemOut]


class TeamOut(msgspec.Struct):
    """The team view: figures over the whole team, and one page of its units with their people."""

    year: int
    staff: int
    jp_compliance_rate: float
    year_elapsed: float
    jp_due: float
    units: list[TeamUnit]
    members: list[TeamMemberProgress]
    service: TeamService | None
    next_cursor: str | None

    @classmethod
    def of(cls, view: TeamView, next_cursor: str | None) -> TeamOut:
        return cls(
            view.year,
            view.staff,
            view.jp_compliance_rate,
            view.year_elapsed,
            view.jp_due,
            view.units,
            view.members,
            view.service,
            next_cursor,
        )
