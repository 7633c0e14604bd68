"""Admins change point rules for their region, effective from a date, after previewing the effect."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from domain.access import Actor
from domain.rules import DEFAULT_RULES, Formula, RuleVersion, check_rule, evaluate, governing
from gamification.points.ledger import fact_values, rule_versions
from gamification.points.pending_queue import requeue_facts
from gamification.storage.administered import administered_region
from gamification.storage.database import unit_of_work
from gamification.storage.json_column import loaded
from gamification.storage.regions import raise_rules_version
from gamification.storage.tables import Fact, Person, PointRule, XpEntry

DESCRIPTIONS = {rule.code: rule.description for rule in DEFAULT_RULES}
PREVIEW_PEOPLE = 50


@dataclass(frozen=True)
class RuleView:
    id: int
    code: str
    description: str
    region_id: int | None
    fact_kind: str
    formula: str
    params: dict
    effective_from: dt.date


@dataclass(frozen=True)
class PersonDelta:
    user_id: int
    name: str
    xp_delta: int


@dataclass(frozen=True)
class RulePreview:
    facts: int
    people: int
    xp_gained: int
    xp_lost: int
    changes: list[PersonDelta]  # the largest changes first, at most 50


@dataclass(frozen=True)
class RuleChange:
    code: str
    formula: str
    params: dict
    effective_from: dt.date
    region_id: int | None = None


class PointRules:
    async def list(self, actor: Actor, region_id: int | None) -> list[RuleView]:
        """Every version that concerns the region (its own and the national ones), newest first."""
        region_id = actor.administered_region(region_id)
        rows = await PointRule.select().order_by(PointRule.id, ascending=False)
        return [_view(r) for r in rows if r["region"] is None or r["region"] == region_id]

    async def change(self, actor: Actor, change: RuleChange) -> RuleView:
        """A new version; facts from its date on are set to be re-evaluated by the next recalculation."""
        region_id = await administered_region(actor, change.region_id)
        kind, formula, params = check_rule(change.code, change.formula, change.params, change.effective_from)
        async with unit_of_work():
            inserted = await PointRule.insert(
                PointRule(
                    region=region_id,
                    code=change.code,
                    fact_kind=kind.value,
                    formula=formula.value,
                    params=params,
                    effective_from=change.effective_from,
                    created_by=actor.person_id,
                )
            ).returning(PointRule.id)
            await requeue_facts(kind.value, change.effective_from, region_id)
            await raise_rules_version(region_id)
        return _view(await PointRule.select().where(PointRule.id == inserted[0]["id"]).first())

    async def preview(self, actor: Actor, change: RuleChange) -> RulePreview:
        """Who would gain or lose how much XP if the change were saved now; nothing is written."""
        region_id = actor.administered_region(change.region_id)
        kind, formula, params = check_rule(change.code, change.formula, change.params, change.effective_from)
        proposed = RuleVersion(-1, region_id, change.code, Formula(formula), params, change.effective_from)
        versions = [*await rule_versions(), proposed]
        query = Fact.select().where(Fact.kind == kind.value, Fact.local_date >= change.effective_from)
        if region_id is not None:
            query = query.where(Fact.region == region_id)
        facts = await query
        earned: dict[int, int] = defaultdict(int)
        for entry in await XpEntry.select(XpEntry.fact, XpEntry.xp).where(
            XpEntry.rule_code == change.code, XpEntry.fact.is_in([f["id"] for f in facts] or [0])
        ):
            earned[entry["fact"]] += entry["xp"]
        deltas: dict[int, int] = defaultdict(int)
        for fact in facts:
            rule = governing(versions, change.code, fact["region"], fact["local_date"])
            target = evaluate(rule.formula, rule.params, fact_values(fact)) if rule else 0
            if target != earned[fact["id"]]:
                deltas[fact["person"]] += target - earned[fact["id"]]
        biggest = sorted((d for d in deltas.items() if d[1]), key=lambda item: (-abs(item[1]), item[0]))[
            :PREVIEW_PEOPLE
        ]
        names = {
            r["id"]: r["name"]
            for r in await Person.select(Person.id, Person.name).where(Person.id.is_in([p for p, _ in biggest] or [0]))
        }
        return RulePreview(
            facts=len(facts),
            people=sum(1 for d in deltas.values() if d),
            xp_gained=sum(d for d in deltas.values() if d > 0),
            xp_lost=-sum(d for d in deltas.values() if d < 0),
            changes=[PersonDelta(person, names.get(person, ""), delta) for person, delta in biggest],
        )


def _view(row: dict) -> RuleView:
    return RuleView(
        id=row["id"],
        code=row["code"],
        description=DESCRIPTIONS.get(row["code"], ""),
        region_id=row["region"],
        fact_kind=row["fact_kind"],
        formula=row["formula"],
        params=loaded(row["params"]),
        effective_from=row["effective_from"],
    )
