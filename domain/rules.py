"""Point rules as data: each turns one kind of fact into XP by a named formula and its parameters.

The formulas are a small closed set; what an admin changes is which formula a rule uses, its
parameters and the date it takes effect. Evaluation is pure and deterministic, so a full rebuild
gives the incremental path's totals exactly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from domain.errors import InvalidInput
from domain.praise import slot_within

MAX_RULE_XP = 100_000


class FactKind(StrEnum):
    MODULE_COMPLETION = "module_completion"  # in the app, or a partner's own content reported over xAPI
    STREAK_MILESTONE = "streak_milestone"
    INITIATIVE_VERIFIED = "initiative_verified"
    INITIATIVE_REPLICATED = "initiative_replicated"
    CERTIFICATE_VERIFIED = "certificate_verified"
    WORKSHOP_ATTENDED = "workshop_attended"
    CITIZEN_PRAISE = "citizen_praise"  # a citizen's released praise naming the ASN who served them


class Formula(StrEnum):
    FACT_XP = "fact_xp"  # the fact's own XP value (a module's XP) × multiplier
    FIXED = "fixed"  # a fixed amount per fact
    PERFECT_FIRST_ATTEMPT = "perfect_first_attempt"  # a bonus when passed with 100 % on the first attempt
    BY_LEVEL = "by_level"  # an amount per level named in the fact: impact (initiatives), days (streaks)
    CAPPED_PER_MONTH = "capped_per_month"  # xp for each of a person's first per_month facts of a month (its slot)


@dataclass(frozen=True)
class FactValues:
    """What a formula may read from a fact."""

    xp: int = 0
    score: int | None = None
    first_attempt: bool = False
    level: str | None = (
        None  # initiative impact (unit, agency, …), streak milestone ("7", …), praise slot ("2026-12#3")
    )
    voided: bool = False  # taken back at its source (a voided xAPI statement): earns nothing under any rule


@dataclass(frozen=True)
class RuleSpec:
    code: str
    fact_kind: FactKind
    formula: Formula
    params: dict[str, int]
    description: str


PARAMS_OF = {
    Formula.FACT_XP: {"multiplier_percent"},
    Formula.FIXED: {"xp"},
    Formula.PERFECT_FIRST_ATTEMPT: {"bonus"},
    Formula.CAPPED_PER_MONTH: {"xp", "per_month"},
}
SLOTTED_KINDS = (FactKind.CITIZEN_PRAISE,)  # facts whose level is their slot in the person's month
MAX_PER_MONTH = 100  # the set engine lists a capped rule's paying slots: kept short

DEFAULT_RULES = [
    RuleSpec("module_xp", FactKind.MODULE_COMPLETION, Formula.FACT_XP, {"multiplier_percent": 100}, "XP modul"),
    RuleSpec(
        "perfect_first_attempt",
        FactKind.MODULE_COMPLETION,
        Formula.PERFECT_FIRST_ATTEMPT,
        {"bonus": 10},
        "Bonus nilai sempurna pada percobaan pertama",
    ),
    RuleSpec(
        "streak_milestone",
        FactKind.STREAK_MILESTONE,
        Formula.BY_LEVEL,
        {"7": 50, "30": 200, "100": 1000},
        "Tonggak runtunan belajar 7, 30 dan 100 hari kerja",
    ),
    RuleSpec(
        "initiative_verified",
        FactKind.INITIATIVE_VERIFIED,
        Formula.BY_LEVEL,
        {"unit": 100, "agency": 200, "region": 400, "national": 800},
        "Inovasi terverifikasi, menurut cakupan dampaknya",
    ),
    RuleSpec("initiative_replicated", FactKind.INITIATIVE_REPLICATED, Formula.FIXED, {"xp": 50}, "Inovasi direplikasi"),
    RuleSpec(
        "certificate_verified", FactKind.CERTIFICATE_VERIFIED, Formula.FIXED, {"xp": 100}, "Sertifikat terverifikasi"
    ),
    RuleSpec(
        "workshop_attended",
        FactKind.WORKSHOP_ATTENDED,
        Formula.FACT_XP,
        {"multiplier_percent": 100},
        "XP kegiatan (lokakarya, seminar, webinar, diklat) yang dihadiri",
    ),
    RuleSpec(
        "citizen_praise",
        FactKind.CITIZEN_PRAISE,
        Formula.CAPPED_PER_MONTH,
        {"xp": 25, "per_month": 5},
        "Pujian warga bagi ASN yang melayani, setelah dirilis moderator (dibatasi per bulan)",
    ),
]
RULE_KINDS = {rule.code: rule.fact_kind for rule in DEFAULT_RULES}


def evaluate(formula: Formula, params: dict[str, int], fact: FactValues) -> int:
    if fact.voided:
        return 0
    if formula is Formula.FACT_XP:
        return fact.xp * params["multiplier_percent"] // 100
    if formula is Formula.FIXED:
        return params["xp"]
    if formula is Formula.PERFECT_FIRST_ATTEMPT:
        return params["bonus"] if fact.first_attempt and fact.score == 100 else 0
    if formula is Formula.CAPPED_PER_MONTH:
        return params["xp"] if slot_within(fact.level, params["per_month"]) else 0
    return params.get(fact.level or "", 0)


def check_rule(code: str, formula: str, params: dict, effective_from: dt.date) -> tuple[FactKind, Formula, dict]:
    """A rule change as an admin sends it; the fact kind follows from the rule's code."""
    if code not in RULE_KINDS:
        raise InvalidInput("rule_unknown")
    try:
        parsed = Formula(formula)
    except ValueError:
        raise InvalidInput("rule_formula_unknown") from None
    expected = PARAMS_OF.get(parsed)
    if expected is not None and set(params) != expected:
        raise InvalidInput("rule_params", expected=", ".join(sorted(expected)))
    if parsed is Formula.BY_LEVEL and not params:
        raise InvalidInput("rule_params", expected="level → XP")
    if any(not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= MAX_RULE_XP for v in params.values()):
        raise InvalidInput("rule_param_range", max=MAX_RULE_XP)
    if parsed is Formula.CAPPED_PER_MONTH and RULE_KINDS[code] not in SLOTTED_KINDS:
        raise InvalidInput("rule_formula_needs_slots", kinds=", ".join(SLOTTED_KINDS))
    if parsed is Formula.CAPPED_PER_MONTH and not 1 <= params["per_month"] <= MAX_PER_MONTH:
        raise InvalidInput("rule_per_month_range", max=MAX_PER_MONTH)
    if not dt.date(2000, 1, 1) <= effective_from <= dt.date(2100, 1, 1):
        raise InvalidInput("rule_effective_from_range")
    return RULE_KINDS[code], parsed, params


@dataclass(frozen=True)
class RuleVersion:
    id: int
    region_id: int | None
    code: str
    formula: Formula
    params: dict[str, int]
    effective_from: dt.date


def governing(versions: list[RuleVersion], code: str, region_id: int | None, day: dt.date) -> RuleVersion | None:
    """The version that rules a fact of ``day``: the region's own latest in effect, else the national one."""
    in_effect = [v for v in versions if v.code == code and v.effective_from <= day]
    regional = [v for v in in_effect if region_id is not None and v.region_id == region_id]
    pool = regional or [v for v in in_effect if v.region_id is None]
    return max(pool, key=lambda v: (v.effective_from, v.id), default=None)


def codes_for(kind: str) -> list[str]:
    return [rule.code for rule in DEFAULT_RULES if rule.fact_kind == kind]
