from domain.badges import check_criteria
from gamification.demo.content_files import DEMO_BADGES


def test_the_demo_badges_are_valid_and_at_least_twelve():
    assert len(DEMO_BADGES) >= 12
    assert len({badge["code"] for badge in DEMO_BADGES}) == len(DEMO_BADGES)
    for badge in DEMO_BADGES:
        assert check_criteria(badge["criteria"]) == badge["criteria"]
