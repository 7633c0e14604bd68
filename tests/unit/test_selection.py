"""The Redis variants' choice of modules (tests/selection.py)."""

from pathlib import Path

import pytest

from tests.selection import NAMES_ONLY, reaches_redis

TESTS = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "module",
    [
        "boards/test_leaderboards_api.py",  # by its directory
        "points/test_points_api.py",
        "e2e/test_display_page.py",  # names a display
        "demo/test_demo_year.py",  # names the boards
        "complaints/test_complaints_api.py",  # switches a budget on
        "xapi/test_xapi_api.py",  # holds the boards equal to SQL afterwards
    ],
)
def test_modules_that_reach_what_redis_holds_run_with_it(module):
    assert reaches_redis(TESTS / module)


@pytest.mark.parametrize(
    "module", ["organization/test_people_api.py", "learning/test_authoring_api.py", "e2e/test_survey_page.py"]
)
def test_modules_that_do_not_reach_it_run_on_each_database_only(module):
    assert not reaches_redis(TESTS / module)


def test_the_modules_named_only_exist_and_are_left_out():
    for module in NAMES_ONLY:
        path = TESTS.parent / module
        assert path.exists(), module
        assert not reaches_redis(path)
