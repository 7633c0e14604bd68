"""The reward catalogue and redemptions as rules: what a reward may be, and how a redemption moves. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from domain.errors import InvalidInput
from domain.leaderboards import Period
from domain.text import check_shown_text

MAX_COST = 1_000_000
MAX_STOCK = 1_000_000
MAX_PER_PERSON = 1000


class RewardKind(StrEnum):
    CERTIFICATE = "certificate"  # piagam penghargaan
    TRAINING_SEAT = "training_seat"
    MERCHANDISE = "merchandise"
    FLEXIBLE_DAY = "flexible_day"  # a day of flexible work
    VIRTUAL = "virtual"
    STREAK_FREEZE = "streak_freeze"  # covers one missed working day of a streak (domain.streaks)


class RedemptionStatus(StrEnum):
    PENDING = "pending"  # points held, stock reserved
    APPROVED = "approved"  # points spent
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


DECIDED = {Decision.APPROVE: RedemptionStatus.APPROVED, Decision.REJECT: RedemptionStatus.REJECTED}


@dataclass(frozen=True)
class RewardFields:
    name: str
    description: str
    kind: RewardKind
    cost: int
    stock: int | None
    per_person_limit: int | None
    period: Period
    active_from: dt.datetime | None
    active_until: dt.datetime | None


def check_reward(
    name: str,
    description: str,
    kind: str,
    cost: int,
    stock: int | None,
    per_person_limit: int | None,
    period: str,
    active_from: dt.datetime | None,
    active_until: dt.datetime | None,
) -> RewardFields:
    name = " ".join(name.split())
    if not 1 <= len(name) <= 120:
        raise InvalidInput("reward_name_length")
    check_shown_text(name)
    try:
        parsed_kind = RewardKind(kind)
    except ValueError:
        raise InvalidInput("reward_kind_unknown", allowed=", ".join(RewardKind)) from None
    if not 1 <= cost <= MAX_COST:
        raise InvalidInput("reward_cost_range", max=MAX_COST)
    if stock is not None and not 0 <= stock <= MAX_STOCK:
        raise InvalidInput("reward_stock_range", max=MAX_STOCK)
    if per_person_limit is not None and not 1 <= per_person_limit <= MAX_PER_PERSON:
        raise InvalidInput("reward_limit_range", max=MAX_PER_PERSON)
    try:
        parsed_period = Period(period)
    except ValueError:
        raise InvalidInput("board_period_unknown", allowed=", ".join(Period)) from None
    if active_from and active_until and active_until <= active_from:
        raise InvalidInput("reward_active_window")
    return RewardFields(
        name, description.strip(), parsed_kind, cost, stock, per_person_limit, parsed_period, active_from, active_until
    )


def parse_decision(raw: str) -> Decision:
    try:
        return Decision(raw)
    except ValueError:
        raise InvalidInput("decision_unknown", allowed="approve, reject") from None


def is_active(active_from: dt.datetime | None, active_until: dt.datetime | None, now: dt.datetime) -> bool:
    return (active_from is None or active_from <= now) and (active_until is None or now < active_until)


def spendable(xp: int, spent: int, held: int) -> int:
    """What pays for rewards: XP earned, less what was redeemed and what pending redemptions hold."""
    return max(0, xp - spent - held)
