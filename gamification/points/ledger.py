"""The points engine, fact by fact: facts in, ledger entries out, totals kept in step.

``award_facts`` serves the request that records a fact, in its own transaction (the learner sees
the XP at once); the recalculation awards pending facts in sets (``batch_award``), by the same
rules, held equal by a property test. For each rule that applies to a fact's kind, the
governing version (by region and the fact's local date) gives a target; an entry for the
difference from what the fact already earned under that rule is appended. Re-running finds no difference and appends nothing, and the
unique key (fact, rule version) stops two racing runs from appending the same entry twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from piccolo.query.functions.aggregate import Count, Max, Sum

from domain.periods import month_start, week_start, year_start
from domain.rules import FactValues, Formula, RuleVersion, codes_for, evaluate, governing
from gamification.points.national_periods import national_starts
from gamification.points.totals_follower import TotalsFollower
from gamification.points.totals_growth import PERIODS, entries_with_ids, grow_totals
from gamification.storage.json_column import loaded
from gamification.storage.sql_dialect import as_datetime, dialect
from gamification.storage.tables import (
    Fact,
    PendingFact,
    Person,
    PointRule,
    PointsPeriod,
    PointsPeriodClosed,
    PointsTotal,
    XpEntry,
)


@dataclass(frozen=True)
class Award:
    person_id: int
    fact_id: int
    rule_code: str
    xp: int


async def rule_versions(*where) -> list[RuleVersion]:
    """Every version of every rule, or those ``where`` selects."""
    rows = await PointRule.select(
        PointRule.id, PointRule.region, PointRule.code, PointRule.formula, PointRule.params, PointRule.effective_from
    ).where(*where)
    return [
        RuleVersion(
            id=row["id"],
            region_id=row["region"],
            code=row["code"],
            formula=Formula(row["formula"]),
            params=loaded(row["params"]),
            effective_from=row["effective_from"],
        )
        for row in rows
    ]


def fact_values(fact: dict) -> FactValues:
    return FactValues(
        xp=fact["xp"],
        score=fact["score"],
        first_attempt=fact["first_attempt"],
        level=fact["level"],
        voided=fact["voided_at"] is not None,
    )


async def award_facts(
    fact_ids: list[int], *, follow: TotalsFollower, versions: list[RuleVersion] | None = None, queued: bool = False
) -> list[Award]:
    """Bring the ledger in line with the rules for these facts; call inside a unit of work. ``queued``: they
    were recorded into the recalculation's queue (streak milestones), and leave it in this transaction."""
    if not fact_ids:
        return []
    versions = versions if versions is not None else await rule_versions()
    facts = await Fact.select().where(Fact.id.is_in(fact_ids))
    earned: dict[tuple[int, str], int] = defaultdict(int)
    for entry in await XpEntry.select(XpEntry.fact, XpEntry.rule_code, XpEntry.xp).where(XpEntry.fact.is_in(fact_ids)):
        earned[(entry["fact"], entry["rule_code"])] += entry["xp"]
    entries, awards = [], []
    for fact in facts:
        for code in codes_for(fact["kind"]):
            rule = governing(versions, code, fact["region"], fact["local_date"])
            target = evaluate(rule.formula, rule.params, fact_values(fact)) if rule else 0
            delta = target - earned[(fact["id"], code)]
            if delta == 0 or rule is None:
                continue
            entries.append(_entry(fact, rule, delta))
            awards.append(Award(fact["person"], fact["id"], code, delta))
    if entries:
        inserted = await XpEntry.insert(*entries).returning(XpEntry.id)
        written, args = entries_with_ids([row["id"] for row in inserted])
        await grow_totals(written, args=args)
        for person_id in sorted({entry.person for entry in entries}):
            follow.totals_changed(person_id)
    if queued:
        await PendingFact.delete().where(PendingFact.fact.is_in(fact_ids))
    return awards


def earnings(kind: str, region_id: int | None, day: dt.date, values: FactValues, versions: list[RuleVersion]):
    """What a new fact earns under each rule of its kind, by the governing versions (none: nothing)."""
    found = []
    for code in codes_for(kind):
        rule = governing(versions, code, region_id, day)
        target = evaluate(rule.formula, rule.params, values) if rule else 0
        if rule is not None and target != 0:
            found.append((rule, target))
    return found


async def award_new_fact(fact: dict, earned: list[tuple[RuleVersion, int]]) -> list[dict]:
    """The entries of a fact recorded (as evaluated) in this unit of work, which has earned nothing
    yet: ``earnings`` appended, the totals grown. Returns the person's totals rows as written (see
    ``grow_totals``; the caller tells the follower), nothing when the fact earns nothing."""
    if not earned:
        return []
    sql = dialect()
    rules, rule_args = sql.rows([(rule.id, rule.code, xp) for rule, xp in earned], rule="int", code="text", xp="int")
    day, national = fact["local_date"], national_starts(as_datetime(fact["occurred_at"]))
    inserted = await XpEntry.raw(
        f"{NEW_FACT_ENTRIES} FROM {rules} RETURNING id",
        fact["person"],
        fact["id"],
        fact["voided_at"] is not None,
        fact["occurred_at"],
        day,
        week_start(day),
        month_start(day),
        year_start(day),
        national["nweek_start"],
        national["nmonth_start"],
        national["nyear_start"],
        fact["region"],
        fact["unit"],
        dt.datetime.now(dt.timezone.utc),
        *rule_args,
    )
    entries, args = entries_with_ids([row["id"] for row in inserted])
    return await grow_totals(entries, args=args, one_person=True)


# One fact's entries, a row per rule it earns under (``r``: rule, code, xp), in a statement of constant text
# (prepared once per connection): building the ORM's insert for every attempt was a worker's time (issue 20).
NEW_FACT_ENTRIES = (
    "INSERT INTO xp_entry (person, fact, reversal, occurred_at, local_date, week_start, month_start, year_start,"
    " nweek_start, nmonth_start, nyear_start, region, unit, created_at, rule, rule_code, xp)"
    " SELECT {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, r.rule, r.code, r.xp"
)


def _entry(fact: dict, rule: RuleVersion, xp: int) -> XpEntry:
    day = fact["local_date"]
    return XpEntry(
        person=fact["person"],
        fact=fact["id"],
        rule=rule.id,
        rule_code=rule.code,
        xp=xp,
        reversal=fact["voided_at"] is not None,
        occurred_at=fact["occurred_at"],
        local_date=day,
        week_start=week_start(day),
        month_start=month_start(day),
        year_start=year_start(day),
        **national_starts(as_datetime(fact["occurred_at"])),
        region=fact["region"],
        unit=fact["unit"],
    )


async def refresh_totals(person_id: int, periods: set[tuple[str, dt.date]], *, follow: TotalsFollower) -> None:
    """Recompute a person's all-time total and the given period totals from the ledger: the repair
    of a total the full recalculation found to differ from it."""
    await _take_turn(person_id)
    person = await Person.select(Person.region, Person.unit).where(Person.id == person_id).first()
    values = await _sums(XpEntry.person == person_id)
    changed = (
        await PointsTotal.update(
            {
                PointsTotal.xp: values["xp"],
                PointsTotal.reached_at: values["reached_at"],
                PointsTotal.entries: values["entries"],
                PointsTotal.region: person["region"],
                PointsTotal.unit: person["unit"],
            }
        )
        .where(PointsTotal.person == person_id)
        .returning(PointsTotal.id)
    )
    if not changed:
        await PointsTotal.insert(PointsTotal(person=person_id, region=person["region"], unit=person["unit"], **values))
    for period, start in periods:
        column = PERIODS[period]
        values = await _sums(XpEntry.person == person_id, column == start)
        changed = []
        for table in (PointsPeriod, PointsPeriodClosed):  # the row is in one of them, or in neither yet
            changed += (
                await table.update(
                    {
                        table.xp: values["xp"],
                        table.reached_at: values["reached_at"],
                        table.entries: values["entries"],
                        table.region: person["region"],
                        table.unit: person["unit"],
                    }
                )
                .where(table.person == person_id, table.period == period, table.period_start == start)
                .returning(table.id)
            )
        if not changed:  # a period already archived: the trigger moves the new row there
            await PointsPeriod.insert(
                PointsPeriod(
                    person=person_id,
                    period=period,
                    period_start=start,
                    region=person["region"],
                    unit=person["unit"],
                    **values,
                )
            )
    follow.totals_changed(person_id)


async def _take_turn(person_id: int) -> None:
    """Lock the person's totals before summing their ledger. Two transactions awarding one person at
    once (two devices, two API processes, an attempt and the recalculation) would each sum without
    the other's uncommitted entries, and the total written last would drop the other's XP; locked,
    the second sums once the first has committed. SQLite lets one writer in at a time anyway. A
    person's first award has no row to lock: two racing inserts of it meet at its unique key, and
    the loser's unit of work is tried again (attempts, the recalculation)."""
    if PointsTotal._meta.db.engine_type == "postgres":
        await PointsTotal.select(PointsTotal.id).where(PointsTotal.person == person_id).lock_rows()


async def _sums(*where) -> dict:
    """XP, the time it was reached and the number of entries, over the ledger entries ``where`` selects."""
    aggregates = Sum(XpEntry.xp, alias="xp"), Max(XpEntry.occurred_at, alias="at"), Count(XpEntry.id, alias="entries")
    row = (await XpEntry.select(*aggregates).where(*where))[0]
    return {"xp": int(row["xp"] or 0), "reached_at": as_datetime(row["at"]), "entries": int(row["entries"] or 0)}
