"""The parts the running test app was assembled with (``api/bootstrap.py``), for test helpers that
are called without fixtures; the app fixture sets them. Tests may hold a global: the application may not."""

from __future__ import annotations

from api.bootstrap import Tangkas
from gamification.boards import Boards
from gamification.points.totals_follower import NobodyFollows, TotalsFollower

_current: Tangkas | None = None


def use(tangkas: Tangkas | None) -> None:
    global _current
    _current = tangkas


def current() -> Tangkas | None:
    return _current


def tangkas() -> Tangkas:
    assert _current is not None, "no app is running: use the app fixture"
    return _current


def boards() -> Boards:
    return tangkas().boards


def current_boards() -> Boards | None:
    return _current.boards if _current is not None else None


def follow() -> TotalsFollower:
    """The boards when an app runs; nobody for a test of the database alone."""
    return _current.boards.writes if _current is not None else NobodyFollows()


def points_jobs() -> dict:
    """What the timetable hands the points engine's jobs."""
    return {"follow": follow(), "check_boards": boards().consistency.check}
