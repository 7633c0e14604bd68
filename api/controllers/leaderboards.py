"""Leaderboards on the phone: top-N with the caller's own rank, and the caller's neighbours."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from litestar import Controller, Request, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from api.http.guards import READS_CALLER_ITSELF
from api.http.params import OptionalId
from domain.leaderboards import parse_period, parse_scope
from gamification.boards.leaderboards import BoardView, Leaderboards

# "scope" is a reserved name in Litestar handlers: the parameter is named apart from its query key.
ScopeParam = Annotated[str, QueryParameter(name="scope", max_length=20, description="unit, agency, region or national")]
PeriodParam = Annotated[str, QueryParameter(max_length=20, description="week, month, year or all")]
Bounded = Annotated[int, QueryParameter(ge=-(2**31), le=2**31 - 1)]


class LeaderboardController(Controller):
    path = "/api/v1/leaderboards"
    tags = ["gamification"]

    @get("/", opt={READS_CALLER_ITSELF: True})
    async def board(
        self,
        request: Request,
        leaderboards: NamedDependency[Leaderboards],
        board_scope: ScopeParam = "unit",
        scope_id: OptionalId = None,
        period: PeriodParam = "week",
        limit: Annotated[Bounded, QueryParameter(description="1–100")] = 10,
        start: Annotated[dt.date | None, QueryParameter(description="First day of a past period")] = None,
    ) -> BoardView:
        """Top ``limit`` of a board (default: the caller's unit, this week) and ``me``: the caller's rank and XP.

        Rank is 1 + the number of people with strictly more XP; among equal XP whoever reached it
        first is listed first. A person who hid their name appears as "ASN" with their unit only.
        """
        return await leaderboards.board(
            request.user, parse_scope(board_scope), scope_id, parse_period(period), limit, start
        )

    @get("/around-me", opt={READS_CALLER_ITSELF: True})
    async def around_me(
        self,
        request: Request,
        leaderboards: NamedDependency[Leaderboards],
        board_scope: ScopeParam = "unit",
        period: PeriodParam = "week",
        radius: Annotated[Bounded, QueryParameter(description="1–25")] = 3,
    ) -> BoardView:
        """The caller and up to ``radius`` people above and below them on their own board."""
        return await leaderboards.around_me(request.user, parse_scope(board_scope), parse_period(period), radius)
