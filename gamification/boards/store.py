"""Boards as the stores see them, the people's standings on them, and the boards a person is on."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import Protocol

from domain.leaderboards import Period, PeriodWindow, Scope, Standing, board_timezone, totals_code, window_at

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class Board:
    scope: Scope
    scope_id: int | None  # None for the national board
    window: PeriodWindow
    unit_path: str | None = None  # of a unit board: its members are this unit and every unit below

    def __hash__(self) -> int:  # boards key the groups of a batch's ten thousand standings: hashed once each
        return self._hash

    @functools.cached_property
    def _hash(self) -> int:
        return hash((self.scope, self.scope_id, self.window, self.unit_path))

    @property
    def period(self) -> Period:
        return self.window.period

    @property
    def totals_code(self) -> str | None:
        """The ``points_period.period`` that holds this board's totals; None: all-time (``points_total``)."""
        return None if self.period is Period.ALL else totals_code(self.scope, self.period)

    @property
    def tag(self) -> str:
        """Names the board in Redis keys; in braces there, so a board's keys share one cluster slot."""
        start = self.window.start.isoformat() if self.window.start else "all"
        return f"{self.scope.value[0]}{self.scope_id or ''}:{self.period.value}:{start}"


# The standings to put on every board of a group: the boards one person is on for one period (a unit's
# members share them), so that each standing is handled once per group and not once per board.
Updates = dict[tuple[Board, ...], list[tuple[Standing, int]]]


def by_board(updates: Updates) -> dict[Board, list[tuple[Standing, int]]]:
    """The same standings, board by board."""
    boards: dict[Board, list[tuple[Standing, int]]] = defaultdict(list)
    for group, rows in updates.items():
        for board in group:
            boards[board].extend(rows)
    return boards


@dataclass(frozen=True)
class Placing:
    """A person found on a board: 0-based position in board order, competition rank, standing."""

    position: int
    rank: int
    standing: Standing


class BoardStore(Protocol):
    """Answers about one board; Redis sorted sets and SQL give the same answers."""

    async def top(self, board: Board, limit: int) -> list[Standing]: ...

    async def slice(self, board: Board, offset: int, count: int) -> list[Standing]: ...

    async def placing(self, board: Board, person_id: int) -> Placing | None: ...

    async def count_above(self, board: Board, xp: int) -> int: ...

    async def top_and_placing(
        self, board: Board, limit: int, person_id: int | None
    ) -> tuple[list[Standing], Placing | None, int]:
        """The top ``limit``, the person's placing, and (when they are not on the board) how many have XP."""
        ...


@dataclass(frozen=True)
class Membership:
    """Where a person's totals put them: their unit's path, agency and region (as of their latest award)."""

    person_id: int
    unit_path: str | None
    agency_id: int | None
    region_id: int | None
    timezone: str | None

    def boards(self, period: Period, now: dt.datetime) -> list[Board]:
        """Every board of this period (the one holding ``now``) that the person is on."""
        local = _window(period, board_timezone(Scope.REGION, self.timezone), now)
        national = _window(period, board_timezone(Scope.NATIONAL, None), now)
        return list(_boards_of(self.unit_path, self.agency_id, self.region_id, local, national))


@functools.lru_cache(maxsize=1024)
def _window(period: Period, timezone: str, now: dt.datetime) -> PeriodWindow:
    return window_at(period, timezone, now)


# A batch's thousands of people sit in a few thousand units (2,500 at national scale, five periods each).
# Keyed by the periods' windows, not by ``now``: every batch of a period finds what the ones before it built.
@functools.lru_cache(maxsize=65536)
def _boards_of(
    unit_path: str | None, agency_id: int | None, region_id: int | None, local: PeriodWindow, national: PeriodWindow
) -> tuple[Board, ...]:
    boards = [_board(Scope.NATIONAL, None, national)]
    if region_id is not None:
        boards.append(_board(Scope.REGION, region_id, local))
    if agency_id is not None:
        boards.append(_board(Scope.AGENCY, agency_id, local))
    for unit_id, path in unit_ancestry(unit_path):
        boards.append(_board(Scope.UNIT, unit_id, local, path))
    return tuple(boards)


# One object for each board that units share (the national, a region's, an agency's): what a write works
# out about a board (its keys, its expiry) is then worked out once, not once per unit below it.
_board = functools.lru_cache(maxsize=65536)(Board)  # as many as the groups built of them (_boards_of)


@functools.lru_cache(maxsize=4096)  # a batch of standings walks the same few hundred unit paths
def unit_ancestry(path: str | None) -> tuple[tuple[int, str], ...]:
    """``/1/5/9/`` → ((1, "/1/"), (5, "/1/5/"), (9, "/1/5/9/"))."""
    if not path:
        return ()
    ids = [int(part) for part in path.strip("/").split("/") if part]
    return tuple((unit_id, "/" + "/".join(str(i) for i in ids[: n + 1]) + "/") for n, unit_id in enumerate(ids))


def as_utc(value: dt.datetime | str | None) -> dt.datetime:
    """Times from SQLite come back as text; a standing without a time sorts as the oldest."""
    if value is None:
        return EPOCH
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo is dt.timezone.utc else value.astimezone(dt.timezone.utc)
