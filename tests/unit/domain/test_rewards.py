import datetime as dt

import pytest

from domain.errors import InvalidInput
from domain.leaderboards import Period
from domain.rewards import (
    DECIDED,
    MAX_COST,
    MAX_PER_PERSON,
    MAX_STOCK,
    Decision,
    RedemptionStatus,
    RewardKind,
    check_reward,
    is_active,
    parse_decision,
)

NOW = dt.datetime(2026, 11, 23, 3, tzinfo=dt.timezone.utc)
HOUR = dt.timedelta(hours=1)
GOOD = {
    "name": "Hari kerja fleksibel",
    "description": "Satu hari kerja dari mana saja",
    "kind": "flexible_day",
    "cost": 500,
    "stock": 10,
    "per_person_limit": 1,
    "period": "month",
    "active_from": None,
    "active_until": None,
}


def reward(**changes):
    return check_reward(**(GOOD | changes))


def test_a_reward_is_normalised():
    fields = reward(name="  Hari   kerja fleksibel ", description=" Satu hari \n")
    assert (fields.name, fields.description) == ("Hari kerja fleksibel", "Satu hari")
    assert (fields.kind, fields.period) == (RewardKind.FLEXIBLE_DAY, Period.MONTH)


@pytest.mark.parametrize(
    "changes",
    [
        {"cost": 1},
        {"cost": MAX_COST},
        {"stock": None},  # unlimited
        {"stock": 0},  # sold out, still listed
        {"stock": MAX_STOCK},
        {"per_person_limit": None},  # no limit
        {"per_person_limit": MAX_PER_PERSON},
        {"period": "week"},
        {"period": "all"},  # the limit counts over all time
        {"kind": "virtual", "name": "x" * 120},
        {"active_from": NOW, "active_until": NOW + dt.timedelta(seconds=1)},
        {"active_from": NOW},
        {"active_until": NOW},
    ],
)
def test_a_reward_at_the_edges_of_its_ranges_is_accepted(changes):
    fields = reward(**changes)
    for name, value in changes.items():
        if name not in ("kind", "period", "name"):
            assert getattr(fields, name) == value


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"name": "   "}, "reward_name_length"),
        ({"name": "x" * 121}, "reward_name_length"),
        ({"kind": "voucher"}, "reward_kind_unknown"),
        ({"cost": 0}, "reward_cost_range"),
        ({"cost": -5}, "reward_cost_range"),
        ({"cost": MAX_COST + 1}, "reward_cost_range"),
        ({"stock": -1}, "reward_stock_range"),
        ({"stock": MAX_STOCK + 1}, "reward_stock_range"),
        ({"per_person_limit": 0}, "reward_limit_range"),
        ({"per_person_limit": MAX_PER_PERSON + 1}, "reward_limit_range"),
        ({"period": "day"}, "board_period_unknown"),
        ({"active_from": NOW, "active_until": NOW}, "reward_active_window"),
        ({"active_from": NOW, "active_until": NOW - HOUR}, "reward_active_window"),
    ],
)
def test_a_reward_that_breaks_a_rule_is_refused(changes, code):
    with pytest.raises(InvalidInput) as caught:
        reward(**changes)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("active_from", "active_until", "active"),
    [
        (None, None, True),
        (NOW, None, True),  # from its first moment
        (NOW + HOUR, None, False),
        (None, NOW + HOUR, True),
        (None, NOW, False),  # the end is exclusive
        (NOW - HOUR, NOW + HOUR, True),
        (NOW - 2 * HOUR, NOW - HOUR, False),
    ],
)
def test_a_reward_is_offered_from_its_start_until_just_before_its_end(active_from, active_until, active):
    assert is_active(active_from, active_until, NOW) is active


@pytest.mark.parametrize(
    ("raw", "status"), [("approve", RedemptionStatus.APPROVED), ("reject", RedemptionStatus.REJECTED)]
)
def test_a_decision_on_a_pending_redemption_approves_or_rejects_it(raw, status):
    assert DECIDED[parse_decision(raw)] is status


@pytest.mark.parametrize("raw", ["cancel", "expire", "APPROVE", ""])
def test_a_decider_may_neither_cancel_nor_expire_a_redemption(raw):
    with pytest.raises(InvalidInput) as caught:
        parse_decision(raw)
    assert caught.value.code == "decision_unknown"


def test_a_decision_never_leads_back_to_pending():
    assert set(DECIDED) == set(Decision)
    assert RedemptionStatus.PENDING not in DECIDED.values()
