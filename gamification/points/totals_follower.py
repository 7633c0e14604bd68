"""What the points engine tells whoever follows the totals (the leaderboards), handed in by the
composition root: the boards stand above the points, so the points never import them."""

from __future__ import annotations

from typing import Protocol


class TotalsFollower(Protocol):
    def totals_changed(self, person_id: int) -> None:
        """Called inside the unit of work that changed the person's totals."""

    def people_changed(self, person_ids: list[int]) -> None:
        """``totals_changed`` for a batch."""


class NobodyFollows:
    """For work with no boards to keep (a test of the engine alone)."""

    def totals_changed(self, person_id: int) -> None:
        pass

    def people_changed(self, person_ids: list[int]) -> None:
        pass
