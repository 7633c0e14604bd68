"""Boards answered from SQL: the period totals the ledger keeps, filtered by scope and ordered as boards are."""

from __future__ import annotations

from domain.leaderboards import Scope, Standing
from gamification.boards.store import Board, Placing, as_utc
from gamification.storage.sql_dialect import as_datetime
from gamification.storage.tables import PointsPeriodEvery, PointsTotal


def _source(board: Board):
    """The totals table of the board, and the condition that picks the board's rows from it."""
    if board.totals_code is None:
        table, condition = PointsTotal, PointsTotal.reached_at.is_not_null()  # a total with no entry yet is no one's XP
    else:
        table = PointsPeriodEvery  # a past period's totals may be in the archive
        condition = (table.period == board.totals_code) & (table.period_start == board.window.start)
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


def _source_sql(board: Board, t: str):
    """``_source`` as hand-written SQL on the table's alias ``t``: the table, the condition and its arguments."""
    if board.totals_code is None:
        table, parts, args = PointsTotal, [f"{t}.reached_at IS NOT NULL"], []
    else:
        table = PointsPeriodEvery
        parts, args = [f"{t}.period = {{}}", f"{t}.period_start = {{}}"], [board.totals_code, board.window.start]
    if board.scope is Scope.REGION:
        parts.append(f"{t}.region = {{}}")
        args.append(board.scope_id)
    elif board.scope is Scope.AGENCY:
        parts.append(f"{t}.unit IN (SELECT u.id FROM unit u WHERE u.agency = {{}})")
        args.append(board.scope_id)
    elif board.scope is Scope.UNIT:
        parts.append(f"{t}.unit IN (SELECT u.id FROM unit u WHERE u.path LIKE {{}})")
        args.append(f"{board.unit_path}%")
    return table, " AND ".join(parts), args


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
        """The person's row, with how many are above them and how many share their XP but come first: one statement."""
        table, where, args = _source_sql(board, "t")
        _, mine_where, _ = _source_sql(board, "m")
        rows = await table.raw(
            f"""SELECT m.person, m.xp, m.reached_at,
                       (SELECT COUNT(*) FROM {table._meta.tablename} t WHERE {where} AND t.xp > m.xp) AS above,
                       (SELECT COUNT(*) FROM {table._meta.tablename} t WHERE {where} AND t.xp = m.xp
                          AND (t.reached_at < m.reached_at OR (t.reached_at = m.reached_at AND t.person < m.person)))
                        AS same_before
                  FROM {table._meta.tablename} m WHERE m.person = {{}} AND {mine_where}""",
            *args,
            *args,
            person_id,
            *args,
        )
        if not rows:
            return None
        row = rows[0]
        row["reached_at"] = as_datetime(row["reached_at"])
        return Placing(position=row["above"] + row["same_before"], rank=row["above"] + 1, standing=_standing(row))

    async def top_and_placing(self, board: Board, limit: int, person_id: int | None):
        top = await self.top(board, limit)
        placing = await self.placing(board, person_id) if person_id is not None else None
        with_xp = await self.count_above(board, 0) if person_id is not None and placing is None else 0
        return top, placing, with_xp

    async def count_above(self, board: Board, xp: int) -> int:
        table, where = _source(board)
        return await _where(table.count(), where).where(table.xp > xp)

    async def all(self, board: Board) -> list[Standing]:
        """The whole board in order: for checking a faster store against this one."""
        table, where = _source(board)
        rows = await _where(table.select(table.person, table.xp, table.reached_at), where)
        return sorted(_standing(row) for row in rows)
