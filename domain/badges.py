"""Badge criteria as data, and whether a person's numbers meet them; pure, no I/O."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from domain.errors import InvalidInput
from domain.leaderboards import Period, parse_period, parse_scope
from domain.modules import TOPIC_PATTERN, CompetencyType
from domain.skm import ELEMENT_CODES, MAX_SCORE, MIN_SCORE, IkmScore, parse_survey_period


class Criterion(StrEnum):
    COMPLETIONS = "completions"  # count, optionally of a topic or a competency type
    JP_YEAR = "jp_year"  # JP this calendar year ≥ jp
    STREAK = "streak"  # a streak of ≥ days working days
    INITIATIVES = "initiatives"  # verified initiatives ≥ count
    PERFECT_FIRST_ATTEMPT = "perfect_first_attempt"
    BOARD_TOP = "board_top"  # top N of a board at period close; awarded by the period close, once per period
    UNIT_SERVICE = "unit_service"  # citizens' satisfaction: a unit's badge, awarded after the period (satisfaction)


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
    if kind is Criterion.UNIT_SERVICE:
        return check_unit_service(raw)
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
    return None  # board badges are awarded when a period closes; unit badges are a unit's, never a person's


# satisfaction: a unit's badge from its citizens' scores (PermenPANRB 14/2017), e.g.
# {"kind": "unit_service", "element": "U7", "min": 3.5, "period": "quarter", "min_answers": 30}
UNIT_SERVICE_PARAMS = {"element", "min", "period", "min_answers"}
UNIT_SERVICE_RANGES = {"IKM": (Decimal(25), Decimal(100))}  # an element's NRR: 1–4


def check_unit_service(raw: dict) -> dict:
    """The element (U1..U9, or IKM), the least value (an NRR 1–4, an IKM 25–100, at most 4 decimals), the
    period (month, quarter, year) and the least answers (1–100,000; 1 when left out)."""
    allowed = ", ".join(sorted(UNIT_SERVICE_PARAMS))
    params = {k: v for k, v in raw.items() if k != "kind"}
    if set(params) - UNIT_SERVICE_PARAMS or {"element", "min", "period"} - set(params):
        raise InvalidInput("badge_criterion_params", allowed=allowed)
    element = params["element"]
    if element not in (*ELEMENT_CODES, "IKM"):
        raise InvalidInput("badge_criterion_element", allowed=", ".join((*ELEMENT_CODES, "IKM")))
    low, high = UNIT_SERVICE_RANGES.get(element, (Decimal(MIN_SCORE), Decimal(MAX_SCORE)))
    least = params["min"]
    if (
        type(least) not in (int, float)
        or not low <= _decimal(least) <= high
        or -_decimal(least).as_tuple().exponent > 4
    ):
        raise InvalidInput("badge_criterion_min", low=str(low), high=str(high))
    parse_survey_period(str(params["period"]))
    answers = params.get("min_answers", 1)
    if type(answers) is not int or not 1 <= answers <= 100_000:
        raise InvalidInput("badge_criterion_params", allowed=allowed)
    return {"kind": Criterion.UNIT_SERVICE.value, **params}


def _decimal(number: int | float) -> Decimal:
    if isinstance(number, float) and not math.isfinite(number):
        return Decimal(-1)
    return Decimal(str(number))


def unit_service_evidence(criteria: dict, score: IkmScore) -> dict | None:
    """Why a unit's period earns the badge (its answers and the value compared, as shown), or None."""
    if score.answers < criteria.get("min_answers", 1) or score.ikm is None:
        return None
    if criteria["element"] == "IKM":
        value = score.ikm
    else:
        value = next(e.nrr for e in score.elements if e.code == criteria["element"])
    if value is None or value < _decimal(criteria["min"]):
        return None
    return {"element": criteria["element"], "value": float(value), "answers": score.answers, "ikm": float(score.ikm)}
