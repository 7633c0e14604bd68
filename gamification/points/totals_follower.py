"""What the points engine tells whoever follows the totals (the leaderboards), handed in by the
composition root: the boards stand above the points, so the points never import them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class WrittenTotals:
    """One person's totals rows as an award wrote them (their upsert returned them), with where the
    person stands, so that the boards follow without reading them again."""

    person_id: int
    unit_path: str | None
    agency_id: int | None
    region_id: int | None
    timezone: str | None
    rows: list[dict]  # period ("all", "week", "nweek", ...), period_start, xp, reached_at, entries


class TotalsFollower(Protocol):
    def totals_changed(self, person_id: int) -> None:
        """Called inside the unit of work that changed the person's totals."""

    def batch_written(self, written: list[WrittenTotals]) -> None:
        """``totals_written`` for a batch (its rows of the current periods)."""

    def totals_written(self, written: WrittenTotals) -> None:
        """``totals_changed`` with the rows as written; called last in the unit of work, so that a
        ``totals_changed`` of the same person before it (more XP awarded since) prevails."""


class NobodyFollows:
    """For work with no boards to keep (a test of the engine alone)."""

    def totals_changed(self, person_id: int) -> None:
        pass

    def batch_written(self, written: list[WrittenTotals]) -> None:
        pass

    def totals_written(self, written: WrittenTotals) -> None:
        pass
