"""Boards answered from SQL: the period totals the ledger keeps, filtered by scope and ordered as boards are."""

from __future__ import annotations

from domain.leaderboards import Scope, Standing
from gamification.boards.store import Board, Placing, as_utc
from gamification.storage.tables import PointsPeriod, PointsTotal


def _source(board: Board):
    """The totals table of the board, and the condition that picks the board's rows from it."""
    if board.totals_code is None:
        table, condition = PointsTotal, PointsTotal.reached_at.is_not_null()  # a total with no entry yet is no one's XP
    else:
        table = PointsPeriod
        condition = (PointsPeriod.period == board.totals_code) & (PointsPeriod.period_start == board.window.start)
    if board.scope is Scope.REGION:
        scoped = table.region == board.scope_id
    elif board.scope is Scope.AGENCY:
        scoped = table.unit.agency == board.scope_id
    elif board.scope is Scope.UNIT:
        scoped = table.unit.path.like(f"{board.unit_path}%")
    else:
        scoped = None
    parts = [part for part in (condition, scoped) if part is not None]
    where = None
    for part in parts:
        where = part if where is None else where & part
    return table, where


def _where(query, where):
    return query.where(where) if where is not None else query


def _standing(row: dict) -> Standing:
    return Standing.of(row["person"], row["xp"], as_utc(row["reached_at"]))


class SqlBoards:
    async def top(self, board: Board, limit: int) -> list[Standing]:
        return await self.slice(board, 0, limit)

    async def slice(self, board: Board, offset: int, count: int) -> list[Standing]:
        if count <= 0:
            return []
        table, where = _source(board)
        query = (
            table.select(table.person, table.xp, table.reached_at)
            .order_by(table.xp, ascending=False)
            .order_by(table.reached_at, table.person)
            .offset(offset)
            .limit(count)
        )
        return [_standing(row) for row in await _where(query, where)]

    async def placing(self, board: Board, person_id: int) -> Placing | None:
        table, where = _source(board)
        row = (
            await _where(table.select(table.person, table.xp, table.reached_at), where)
            .where(table.person == person_id)
            .first()
        )
        if row is None:
            return None
        mine = _standing(row)
        above = await self.count_above(board, mine.xp)
        same_before = await _where(table.count(), where).where(
            (table.xp == mine.xp)
            & (
                (table.reached_at < row["reached_at"])
                | ((table.reached_at == row["reached_at"]) & (table.person < person_id))
            )
        )
        return Placing(position=above + same_before, rank=above + 1, standing=mine)

    async def count_above(self, board: Board, xp: int) -> int:
        table, where = _source(board)
        return await _where(table.count(), where).where(table.xp > xp)

    async def all(self, board: Board) -> list[Standing]:
        """The whole board in order: for checking a faster store against this one."""
        table, where = _source(board)
        rows = await _where(table.select(table.person, table.xp, table.reached_at), where)
        return sorted(_standing(row) for row in rows)
