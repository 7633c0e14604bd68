"""The points engine in sets, for the recalculation: a batch of facts awarded in a handful of statements.

It follows the same rules as ``ledger.award_facts`` (a property test holds the two equal): for
each rule of a fact's kind, the governing version gives a target, and the difference from what
the fact already earned under that rule is appended to the ledger. The governing versions come
from ``domain.rule_intervals`` as literal tables joined on (rule, region, date); the periods an
entry counts in are computed by the database. Totals grow by the batch's sums, under the same
row locks the per-fact path takes, so they stay equal to the ledger's aggregate (which the full
recalculation checks); the boards follow once per batch.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass

from domain.leaderboards import current_starts
from domain.rule_intervals import NO_OWN_VERSION, RuleLayout, lay_out
from domain.rules import Formula
from gamification.points.ledger import rule_versions
from gamification.points.national_periods import calendars_in_use
from gamification.points.pending_queue import claim, claimed_off_queue
from gamification.points.totals_follower import TotalsFollower, WrittenTotals
from gamification.points.totals_growth import grow_totals
from gamification.storage.sql_dialect import Dialect, dialect
from gamification.storage.tables import XpEntry

_batches = itertools.count(1)
BATCH_WORK_MEM = "64MB"

DELTA_TYPES = (
    "person INTEGER, fact INTEGER, rule INTEGER, rule_code VARCHAR(40), xp INTEGER, reversal BOOLEAN,"
    " occurred_at TIMESTAMPTZ,"
    " local_date DATE, week_start DATE, month_start DATE, year_start DATE, nweek_start DATE,"
    " nmonth_start DATE, nyear_start DATE, region INTEGER, unit INTEGER"
)
DELTA_COLUMNS = (
    "person, fact, rule, rule_code, xp, reversal, occurred_at, local_date, week_start, month_start, year_start,"
    " nweek_start, nmonth_start, nyear_start, region, unit"
)


@dataclass(frozen=True)
class BatchResult:
    facts: int
    entries: int
    xp: int


@dataclass(frozen=True)
class FactRange:
    """The facts whose ``column`` (``id``, or ``person`` to take a backlog person by person) is in [first, last]."""

    column: str
    first: int
    last: int

    @property
    def ledger_column(self) -> str:
        return "fact" if self.column == "id" else "person"


@dataclass(frozen=True)
class QueueHead:
    """The first ``size`` facts of the pending queue, in id order, that no other batch holds; with a
    ``shard`` (k, n), only facts of people whose id is k modulo n, so that n batches side by side never
    share a person and wait on each other's totals."""

    size: int
    shard: tuple[int, int] | None = None


async def award_range(
    layout: RuleLayout | None,
    facts: FactRange | QueueHead,
    *,
    follow: TotalsFollower,
    pending_only: bool,
    region_id: int | None = None,
) -> BatchResult:
    """Award these facts (only those pending, or all) and take them off the pending queue; call inside
    a unit of work. ``layout`` None: the rules are read once the facts are taken, so a rule change
    committed before that is heeded, and one committed after it finds the facts off the queue and
    queues them again."""
    sql = dialect()
    # Names of its own per batch: PostgreSQL drops them at commit, and a statement prepared for an
    # earlier batch's tables must not be found in the connection's statement cache.
    batch = next(_batches)
    chosen, delta = f"award_facts_{batch}", f"award_delta_{batch}"
    whole = isinstance(facts, FactRange) and not pending_only
    temporary = "CREATE TEMP TABLE {} ({})" + (" ON COMMIT DROP" if sql.postgres else "")
    temporaries = [delta] if whole else [chosen, delta]
    if not whole:
        await _raw(temporary.format(chosen, "id INTEGER PRIMARY KEY"))
    await _raw(temporary.format(delta, DELTA_TYPES))
    if sql.postgres:
        await _raw("SET LOCAL jit = off")  # compiling a batch statement's plan costs more than running it
        await _raw(f"SET LOCAL work_mem = '{BATCH_WORK_MEM}'")  # a range's ledger sorted in memory, not on disk
    # The facts are chosen once, first: one queued meanwhile is left for the next batch.
    if whole:
        picked = await _take_whole_range(facts, region_id)
        taken = f"SELECT COUNT(*) FROM {picked} WHERE f.id BETWEEN {facts.first} AND {facts.last}"
    else:
        facts = await _claim(chosen, facts, region_id)
        picked, taken = f"fact f JOIN {chosen} chosen ON chosen.id = f.id", f"SELECT COUNT(*) FROM {chosen}"
    if facts is None:
        await _drop_on_sqlite(*temporaries)
        return BatchResult(0, 0, 0)
    if layout is None:
        layout = lay_out(await rule_versions())
    if layout.intervals:
        # Over temporary tables without statistics a misjudged nested loop turns a second into
        # minutes: hash and merge joins only, for this one statement.
        if sql.postgres:
            await _raw("SET LOCAL enable_nestloop = off")
        await _raw(_deltas(sql, layout, facts, picked, delta, whole=whole), *[facts.first, facts.last] * 2)
        if sql.postgres:
            await _raw("SET LOCAL enable_nestloop = on")
    counts = f"SELECT ({taken}) AS facts, COUNT(*) AS entries, COALESCE(SUM(xp), 0) AS xp FROM {delta}"
    counted = (await _raw(counts))[0]
    result = BatchResult(int(counted["facts"]), int(counted["entries"]), int(counted["xp"]))
    now = dt.datetime.now(dt.timezone.utc)
    if result.entries:
        await _raw(
            f"INSERT INTO xp_entry ({DELTA_COLUMNS}, created_at)"
            f" SELECT {DELTA_COLUMNS}, {sql.timestamp_param()} FROM {delta}",
            now,
        )
        follow.batch_written(await _grow_totals_as_written(delta, now))
    await _drop_on_sqlite(*temporaries)
    return result


async def _grow_totals_as_written(delta: str, now: dt.datetime) -> list[WrittenTotals]:
    """Grow the batch's people's totals; their rows of the current periods as written, and where each person
    stands as the totals were stored (read under the totals' locks: a move to another unit committed before
    them is followed), so that the boards follow without reading them again."""
    rows = defaultdict(list)
    current = set().union(*current_starts(await calendars_in_use(), now).values())
    for row in await grow_totals(delta, current=current):
        rows[row["person"]].append(row)
    people = await _raw(
        "SELECT t.person, u.path AS unit_path, u.agency AS agency_id, t.region AS region_id, r.timezone"
        " FROM points_total t LEFT JOIN unit u ON u.id = t.unit LEFT JOIN region r ON r.id = t.region"
        f" WHERE t.person IN (SELECT person FROM {delta}) ORDER BY t.person"
    )
    return [
        WrittenTotals(p["person"], p["unit_path"], p["agency_id"], p["region_id"], p["timezone"], rows[p["person"]])
        for p in people
    ]


async def _drop_on_sqlite(*tables: str) -> None:
    if not dialect().postgres:
        for table in tables:
            await _raw(f"DROP TABLE {table}")


async def _take_whole_range(facts: FactRange, region_id: int | None) -> str:
    """Take every fact of a range of ids (of the region) off the queue; the FROM item ``f`` of those facts,
    read straight from the fact table by the statements after: no table of chosen ids to fill and join."""
    if region_id is None:
        await _raw("DELETE FROM pending_fact WHERE fact BETWEEN {} AND {}", facts.first, facts.last)
        return "fact f"
    of_region = f"(SELECT * FROM fact WHERE region = {int(region_id)}) f"
    await _raw(
        f"DELETE FROM pending_fact WHERE fact IN (SELECT f.id FROM {of_region} WHERE f.id BETWEEN {{}} AND {{}})",
        facts.first,
        facts.last,
    )
    return of_region


async def _claim(chosen: str, facts: FactRange | QueueHead, region_id: int | None) -> FactRange | None:
    """Move the batch's pending facts off the queue into ``chosen`` (before any total is locked: every batch
    takes its locks in that order). The id range the batch reads, or None when there is nothing to award."""
    where, args = [], []
    if isinstance(facts, FactRange):
        where.append(f"f.{facts.column} BETWEEN {{}} AND {{}}")
        args += [facts.first, facts.last]
    if region_id is not None:
        where.append("f.region = {}")
        args.append(region_id)
    limit, shard = (facts.size, facts.shard) if isinstance(facts, QueueHead) else (None, None)
    await _raw(claim(chosen, " AND ".join(where) or None, limit=limit, shard=shard), *args)
    if off_queue := claimed_off_queue(chosen):
        await _raw(off_queue)
    if isinstance(facts, FactRange):
        return facts
    bounds = (await _raw(f"SELECT MIN(id) AS first, MAX(id) AS last FROM {chosen}"))[0]
    return None if bounds["first"] is None else FactRange("id", bounds["first"], bounds["last"])


async def _raw(sql: str, *args) -> list[dict]:
    return await XpEntry.raw(sql, *args)


def _deltas(sql: Dialect, layout: RuleLayout, facts: FactRange, picked: str, delta: str, *, whole: bool) -> str:
    """One statement: every (fact, rule) whose target differs from what the fact has earned under the rule.
    ``picked``: the FROM item of the batch's facts, ``f``. ``whole``: they are every fact of the range, so the
    ledger's entries of the range need no narrowing to theirs (a probe per entry, half the statement's time).
    The governing intervals are the one table joined; which region's intervals a fact reads, and the XP of a
    level or a month's slot, are expressions written from the layout (the four joins they replace were more
    than a quarter of a complete check's range)."""
    intervals = ", ".join(
        f"({sql.text(i.fact_kind.value)}, {sql.text(i.code)}, {i.region_id}, {sql.date(i.valid_from)},"
        f" {sql.date(i.valid_until)}, {i.version.id}, {sql.text(i.version.formula.value)}, {layout.amount(i)})"
        for i in layout.intervals
    )
    target = (
        "CASE WHEN f.voided_at IS NOT NULL THEN 0 ELSE CASE ri.formula"
        f" WHEN {sql.text(Formula.FACT_XP.value)} THEN CAST(f.xp AS BIGINT) * ri.amount / 100"
        f" WHEN {sql.text(Formula.FIXED.value)} THEN ri.amount"
        f" WHEN {sql.text(Formula.PERFECT_FIRST_ATTEMPT.value)}"
        " THEN CASE WHEN f.first_attempt AND f.score = 100 THEN ri.amount ELSE 0 END"
        f" WHEN {sql.text(Formula.CAPPED_PER_MONTH.value)}"
        f" THEN CASE WHEN SUBSTR(f.level, 8, 1) = '#' AND ({_slot_pays(sql, layout)}) THEN ri.amount ELSE 0 END"
        f" ELSE {_level_xp(sql, layout)} END END"
    )
    national_day = sql.national_day("t.occurred_at")  # only for the few rows that differ: a time zone costs
    periods = ", ".join(
        [
            sql.week_start("t.local_date"),
            sql.month_start("t.local_date"),
            sql.year_start("t.local_date"),
            sql.week_start(national_day),
            sql.month_start(national_day),
            sql.year_start(national_day),
        ]
    )
    return f"""
        WITH ri(kind, code, region, valid_from, valid_until, rule, formula, amount) AS (VALUES {intervals}),
        picked AS MATERIALIZED (  -- read by id range once; the intervals then join in memory
            SELECT f.id, f.person, f.kind, f.occurred_at, f.local_date, f.region, f.unit, f.xp, f.score,
                   f.first_attempt, f.level, f.voided_at
            FROM {picked}
            WHERE f.{facts.column} BETWEEN {{}} AND {{}}
        ),
        targets AS (
            SELECT f.id AS fact, f.person, f.occurred_at, f.local_date, f.region, f.unit, ri.rule, ri.code,
                   {target} AS target, f.voided_at IS NOT NULL AS reversal
            FROM picked f
            JOIN ri ON ri.kind = f.kind{_governing_region(sql, layout)}
                   AND f.local_date >= ri.valid_from AND f.local_date < ri.valid_until
        ),
        earned AS (
            SELECT x.fact, x.rule_code, SUM(x.xp) AS xp FROM xp_entry x
            WHERE x.{facts.ledger_column} BETWEEN {{}} AND {{}}{"" if whole else " AND x.fact IN (SELECT fact FROM targets)"}
            GROUP BY x.fact, x.rule_code
        )
        INSERT INTO {delta} ({DELTA_COLUMNS})
        SELECT t.person, t.fact, t.rule, t.code, t.target - COALESCE(e.xp, 0), t.reversal, t.occurred_at, t.local_date,
               {periods}, t.region, t.unit
        FROM targets t LEFT JOIN earned e ON e.fact = t.fact AND e.rule_code = t.code
        WHERE t.target - COALESCE(e.xp, 0) <> 0
    """


def _governing_region(sql: Dialect, layout: RuleLayout) -> str:
    """The condition on the intervals' region: a region's own where it has versions of the rule, else the
    national ones (``NO_OWN_VERSION``), for every region and for a fact without one. Without any region's
    own versions every interval is national: no condition (which would make the planner take the targets
    for a handful of rows and hash them, a third slower)."""
    regions: dict[str, list[str]] = defaultdict(list)
    for code, region_id in layout.own:
        regions[code].append(str(int(region_id)))
    own = " OR ".join(
        f"(ri.code = {sql.text(code)} AND f.region IN ({', '.join(ids)}))" for code, ids in regions.items()
    )
    return f" AND ri.region = CASE WHEN {own} THEN f.region ELSE {NO_OWN_VERSION} END" if own else ""


def _level_xp(sql: Dialect, layout: RuleLayout) -> str:
    """The XP of the fact's level under each by-level version in use; 0 for a level it does not name."""
    by_version: dict[int, list[str]] = defaultdict(list)
    for vid, level, xp in layout.levels():
        by_version[vid].append(f"WHEN {sql.text(level)} THEN {int(xp)}")
    cases = " ".join(f"WHEN {vid} THEN CASE f.level {' '.join(whens)} ELSE 0 END" for vid, whens in by_version.items())
    return f"CASE ri.rule {cases} ELSE 0 END" if cases else "0"


def _slot_pays(sql: Dialect, layout: RuleLayout) -> str:
    """Whether the fact's slot in its month (the level after "#") is one the capped version pays
    (``domain.praise.slot_within``)."""
    by_version: dict[int, list[str]] = defaultdict(list)
    for vid, slot in layout.paying_slots():
        by_version[vid].append(sql.text(slot))
    paying = [f"(ri.rule = {vid} AND SUBSTR(f.level, 9) IN ({', '.join(slots)}))" for vid, slots in by_version.items()]
    return " OR ".join(paying) or "1 = 0"
