"""Leaderboards for people: top-N and "me", and my neighbours, on the boards within a person's reach."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.access import Actor
from domain.errors import Forbidden, InvalidInput
from domain.leaderboards import (
    MAX_RADIUS,
    Period,
    PeriodWindow,
    Scope,
    Standing,
    check_limit,
    competition_ranks,
    window_at,
    window_of,
)
from gamification.boards.caller_and_scope import caller_and_scope
from gamification.boards.labels import HIDDEN_NAME, board_labels
from gamification.boards.reads import BoardReads
from gamification.boards.scopes import ScopeRef, scope_ref
from gamification.boards.store import Board, BoardStore, Placing
from gamification.identity.sign_in import TokenCaller


@dataclass(frozen=True)
class BoardEntry:
    rank: int
    user_id: int | None  # None for a person who hid their name
    name: str
    unit: str | None
    xp: int
    is_me: bool


@dataclass(frozen=True)
class MyStanding:
    rank: int
    xp: int


@dataclass(frozen=True)
class BoardView:
    scope: str
    scope_id: int | None
    scope_name: str
    period: str
    period_key: str
    period_start: dt.datetime | None
    period_end: dt.datetime | None  # exclusive
    timezone: str
    entries: list[BoardEntry]
    me: MyStanding | None  # None when the caller is not on this board


class Leaderboards:
    def __init__(self, reads: BoardReads) -> None:
        self._reads = reads

    async def board(
        self,
        caller: Actor | TokenCaller,
        scope: Scope,
        scope_id: int | None,
        period: Period,
        limit: int,
        start: dt.date | None = None,
    ) -> BoardView:
        """The top ``limit`` of a board within the caller's reach, and the caller's own rank and XP."""
        actor, ref, epoch = await _actor_and_scope(caller, scope, scope_id)
        check_limit(limit)
        ref, board, me = await self._board_for(actor, ref, scope, scope_id, period, start)
        top, mine = await self._reads.read(board, lambda store: self._top_and_me(store, board, limit, me))
        return await self._view(ref, board, top, mine, actor, epoch)

    async def around_me(self, caller: Actor | TokenCaller, scope: Scope, period: Period, radius: int) -> BoardView:
        """The caller and up to ``radius`` people above and below them: staff of a unit only, the others
        being on no board."""
        actor, ref, epoch = await _actor_and_scope(caller, scope, None)
        if actor.unit_id is None:
            raise Forbidden("learner_only")
        check_limit(radius, MAX_RADIUS, "board_radius_out_of_range")
        ref, board, me = await self._board_for(actor, ref, scope, None, period, None)
        near, mine = await self._reads.read(board, lambda store: self._around(store, board, radius, me))
        return await self._view(ref, board, near, mine, actor, epoch)

    async def standings(self, ref: ScopeRef, window: PeriodWindow, limit: int) -> list[tuple[int, Standing]]:
        """The top of a board in one period, with ranks, for displays."""
        board = _board(ref, window)
        top, _ = await self._reads.read(board, lambda store: self._top_and_me(store, board, limit, None))
        return top

    def window(self, ref: ScopeRef, period: Period) -> PeriodWindow:
        return window_at(period, ref.timezone, dt.datetime.now(dt.timezone.utc))

    async def _board_for(self, actor, ref, scope, scope_id, period, start) -> tuple[ScopeRef, Board, int | None]:
        """The board (its scope ``ref`` when already read), and the caller's person id when the caller is on
        it (else None)."""
        own_agency = actor.agency_id
        if scope_id is None and scope is not Scope.NATIONAL:
            own = {Scope.UNIT: actor.unit_id, Scope.AGENCY: own_agency, Scope.REGION: actor.region_id}[scope]
            if own is None:
                raise InvalidInput("board_scope_id_required")
            scope_id = own
        ref = ref or await scope_ref(scope, scope_id)
        if not actor.sees_board(ref.region_id, ref.agency_id, ref.unit_path, own_agency):
            raise Forbidden("board_out_of_reach")
        now = dt.datetime.now(dt.timezone.utc)
        window = window_at(period, ref.timezone, now) if start is None else window_of(period, ref.timezone, start)
        on_board = actor.is_on_board(ref.region_id, ref.agency_id, ref.unit_path, own_agency)
        return ref, _board(ref, window), actor.person_id if on_board else None

    async def _top_and_me(self, store: BoardStore, board: Board, limit: int, me: int | None):
        top, placing, with_xp = await store.top_and_placing(board, limit, me)
        ranked = list(zip(competition_ranks(0, 1, [s.xp for s in top]), top, strict=True))
        if me is None:
            return ranked, None
        if placing is not None:
            return ranked, MyStanding(placing.rank, placing.standing.xp)
        return ranked, MyStanding(1 + with_xp, 0)

    async def _around(self, store: BoardStore, board: Board, radius: int, me: int | None):
        if me is None:
            raise InvalidInput("board_not_on_it")
        placing = await store.placing(board, me)
        if placing is None:  # not on the board yet: the last people with XP, and me after them
            with_xp = await store.count_above(board, 0)
            offset = max(0, with_xp - radius)
            near = await store.slice(board, offset, with_xp - offset)
        else:
            offset = max(0, placing.position - radius)
            near = await store.slice(board, offset, placing.position + radius + 1 - offset)
        if not near:
            return [], await _mine(store, board, me, placing)
        first_rank = 1 + await store.count_above(board, near[0].xp)
        ranks = competition_ranks(offset, first_rank, [s.xp for s in near])
        return list(zip(ranks, near, strict=True)), await _mine(store, board, me, placing)

    async def _view(self, ref: ScopeRef, board: Board, ranked, mine, actor: Actor, epoch: int | None) -> BoardView:
        people = await board_labels([standing.person_id for _, standing in ranked], epoch)
        entries = []
        for rank, standing in ranked:
            name, unit, hidden = people.get(standing.person_id, (HIDDEN_NAME, None, True))
            is_me = standing.person_id == actor.person_id
            entries.append(BoardEntry(rank, None if hidden else standing.person_id, name, unit, standing.xp, is_me))
        window = board.window
        return BoardView(
            scope=ref.scope.value,
            scope_id=ref.scope_id,
            scope_name=ref.name,
            period=window.period.value,
            period_key=window.key,
            period_start=window.starts_at,
            period_end=window.ends_at,
            timezone=window.timezone,
            entries=entries,
            me=mine,
        )


async def _actor_and_scope(caller: Actor | TokenCaller, scope: Scope, scope_id: int | None):
    """The acting person, the board's scope and the label epoch when they were read together (one statement)."""
    if isinstance(caller, TokenCaller):
        return await caller_and_scope(caller, scope, scope_id)
    return caller, None, None


def _board(ref: ScopeRef, window: PeriodWindow) -> Board:
    return Board(ref.scope, ref.scope_id, window, ref.unit_path)


async def _mine(store: BoardStore, board: Board, me: int | None, placing: Placing | None = None):
    if me is None:
        return None
    placing = placing or await store.placing(board, me)
    if placing is not None:
        return MyStanding(placing.rank, placing.standing.xp)
    return MyStanding(1 + await store.count_above(board, 0), 0)
