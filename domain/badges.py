"""Badge criteria as data, and whether a person's numbers meet them; pure, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from domain.errors import InvalidInput
from domain.leaderboards import Period, parse_period, parse_scope
from domain.modules import TOPIC_PATTERN, CompetencyType


class Criterion(StrEnum):
    COMPLETIONS = "completions"  # count, optionally of a topic or a competency type
    JP_YEAR = "jp_year"  # JP this calendar year ≥ jp
    STREAK = "streak"  # a streak of ≥ days working days
    INITIATIVES = "initiatives"  # verified initiatives ≥ count
    PERFECT_FIRST_ATTEMPT = "perfect_first_attempt"
    BOARD_TOP = "board_top"  # top N of a board at period close; awarded by the period close, once per period


@dataclass(frozen=True)
class CompletionFact:
    id: int
    topics: frozenset[str]
    competency_type: str
    perfect_first: bool


@dataclass(frozen=True)
class LearnerNumbers:
    completions: list[CompletionFact] = field(default_factory=list)
    jp_year_centi: int = 0
    longest_streak: int = 0
    initiatives: int = 0


REQUIRED = {  # the number a counting criterion is met at
    Criterion.COMPLETIONS: {"count"},
    Criterion.JP_YEAR: {"jp"},
    Criterion.STREAK: {"days"},
    Criterion.INITIATIVES: {"count"},
    Criterion.BOARD_TOP: {"top"},
}


def check_criteria(raw: dict) -> dict:
    try:
        kind = Criterion(raw.get("kind"))
    except ValueError:
        raise InvalidInput("badge_criterion_unknown") from None
    allowed = {
        Criterion.COMPLETIONS: {"count", "topic", "competency_type"},
        Criterion.JP_YEAR: {"jp"},
        Criterion.STREAK: {"days"},
        Criterion.INITIATIVES: {"count"},
        Criterion.PERFECT_FIRST_ATTEMPT: set(),
        Criterion.BOARD_TOP: {"scope", "period", "top"},
    }[kind]
    params = {k: v for k, v in raw.items() if k != "kind"}
    if set(params) - allowed:
        raise InvalidInput("badge_criterion_params", allowed=", ".join(sorted(allowed)) or "-")
    if REQUIRED.get(kind, set()) - set(params):
        raise InvalidInput("badge_criterion_params", allowed=", ".join(sorted(allowed)))
    for name in ("count", "jp", "days", "top"):
        value = params.get(name)
        if name in params and (type(value) is not int or not 1 <= value <= 10_000):  # True is an int too
            raise InvalidInput("badge_criterion_params", allowed=", ".join(sorted(allowed)))
    if "topic" in params and not TOPIC_PATTERN.fullmatch(str(params["topic"])):
        raise InvalidInput("module_topic_format", topic=str(params["topic"])[:40])
    if "competency_type" in params and params["competency_type"] not in set(CompetencyType):
        raise InvalidInput("module_competency_type_unknown")
    if kind is Criterion.BOARD_TOP:
        parse_scope(str(params.get("scope")))
        if parse_period(str(params.get("period"))) is Period.ALL:
            raise InvalidInput("board_period_unknown", allowed="week, month, year")
    return {"kind": kind.value, **params}


def evidence(criteria: dict, numbers: LearnerNumbers) -> dict | None:
    """Why the criteria are met (the facts or the number that earned it), or None when they are not."""
    kind = Criterion(criteria["kind"])
    if kind is Criterion.COMPLETIONS:
        matching = [
            c.id
            for c in numbers.completions
            if criteria.get("topic") in (None, *c.topics)
            and criteria.get("competency_type") in (None, c.competency_type)
        ]
        return {"completions": matching[: criteria["count"]]} if len(matching) >= criteria["count"] else None
    if kind is Criterion.JP_YEAR:
        return {"jp": numbers.jp_year_centi / 100} if numbers.jp_year_centi >= criteria["jp"] * 100 else None
    if kind is Criterion.STREAK:
        return {"streak": numbers.longest_streak} if numbers.longest_streak >= criteria["days"] else None
    if kind is Criterion.INITIATIVES:
        return {"initiatives": numbers.initiatives} if numbers.initiatives >= criteria["count"] else None
    if kind is Criterion.PERFECT_FIRST_ATTEMPT:
        perfect = [c.id for c in numbers.completions if c.perfect_first]
        return {"completions": perfect[:1]} if perfect else None
    return None  # board badges are awarded when a period closes
