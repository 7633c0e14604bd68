"""Rule versions laid out as date intervals, so that a database can pick the governing one by a join.

``governing`` answers for one fact: the region's own latest version in effect on the fact's day,
else the national one. Flattened, every (rule code, region) has non-overlapping intervals, each
naming the version that governs facts dated inside it. Region 0 stands for "a region without its
own version of this rule" (and for facts without a region); a region with its own versions gets
the national intervals up to its first own version, then its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby, pairwise

from domain.praise import slot_names
from domain.rules import RULE_KINDS, FactKind, Formula, RuleVersion

NO_OWN_VERSION = 0
FAR_FUTURE = dt.date(9999, 12, 31)


@dataclass(frozen=True)
class RuleInterval:
    code: str
    fact_kind: FactKind
    region_id: int  # NO_OWN_VERSION: the national version, for every region without its own
    valid_from: dt.date
    valid_until: dt.date  # exclusive
    version: RuleVersion


@dataclass(frozen=True)
class RuleLayout:
    intervals: list[RuleInterval]
    own: list[tuple[str, int]]  # (rule code, region) pairs where a region has its own versions

    def amount(self, interval: RuleInterval) -> int:
        """The one number a formula other than by-level reads from its parameters."""
        version = interval.version
        if version.formula is Formula.FACT_XP:
            return version.params["multiplier_percent"]
        if version.formula is Formula.FIXED:
            return version.params["xp"]
        if version.formula is Formula.PERFECT_FIRST_ATTEMPT:
            return version.params["bonus"]
        if version.formula is Formula.CAPPED_PER_MONTH:
            return version.params["xp"]
        return 0

    def levels(self) -> list[tuple[int, str, int]]:
        """(version, level, XP) for every by-level version in use."""
        versions = {i.version.id: i.version for i in self.intervals if i.version.formula is Formula.BY_LEVEL}
        return [(vid, level, xp) for vid, version in sorted(versions.items()) for level, xp in version.params.items()]

    def paying_slots(self) -> list[tuple[int, str]]:
        """(version, slot) for every slot a capped version in use pays: "1" … its per_month."""
        versions = {i.version.id: i.version for i in self.intervals if i.version.formula is Formula.CAPPED_PER_MONTH}
        return [
            (vid, slot) for vid, version in sorted(versions.items()) for slot in slot_names(version.params["per_month"])
        ]


def lay_out(versions: list[RuleVersion]) -> RuleLayout:
    intervals: list[RuleInterval] = []
    own: list[tuple[str, int]] = []
    for code in sorted({v.code for v in versions} & RULE_KINDS.keys()):
        kind = RULE_KINDS[code]
        national = [v for v in versions if v.code == code and v.region_id is None]
        intervals += _spans(national, kind, NO_OWN_VERSION, FAR_FUTURE)
        regional = sorted((v for v in versions if v.code == code and v.region_id is not None), key=_region)
        for region_id, mine in groupby(regional, key=_region):
            mine = list(mine)
            first_own = min(v.effective_from for v in mine)
            intervals += _spans(national, kind, region_id, first_own)
            intervals += _spans(mine, kind, region_id, FAR_FUTURE)
            own.append((code, region_id))
    return RuleLayout(intervals, own)


def _region(version: RuleVersion) -> int:
    return version.region_id or NO_OWN_VERSION


def _spans(versions: list[RuleVersion], kind: FactKind, region_id: int, until: dt.date) -> list[RuleInterval]:
    """From each distinct effective date, the version made last for it governs until the next date."""
    latest_by_day: dict[dt.date, RuleVersion] = {}
    for version in sorted(versions, key=lambda v: (v.effective_from, v.id)):
        latest_by_day[version.effective_from] = version
    days = sorted(latest_by_day)
    spans = []
    for day, next_day in pairwise([*days, FAR_FUTURE]):  # no versions (a rule only regions have): no spans
        if day >= until:
            break
        version = latest_by_day[day]
        spans.append(RuleInterval(version.code, kind, region_id, day, min(next_day, until), version))
    return spans
