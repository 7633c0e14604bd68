"""A year of demo learning before the last ten days, written in sets so that ``seed-demo`` stays fast.

Each demo staff member is drawn a standing for the calendar year (met the 20 JP, on track, behind or
idle) and gets module completions spread over the past year and verified certificates of trainings
done elsewhere that bring their JP to it. Attempts, completions, JP credits, certificates and facts go
in as a handful of bulk inserts, dated on each region's calendar; the facts are then awarded by the
set-based points engine (the recalculation), and streaks and badges brought up to date, so that the
ledger, the totals and the boards are the engine's own. The last days are left to the live attempts
(``activity``), which go through the attempt service as a phone's do.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from domain.attempts import grade
from domain.certificates import duplicate_key
from domain.jp_pace import TARGET_CENTI, jp_pace
from domain.modules import ModuleStatus
from domain.rules import FactKind
from gamification.demo.content_files import HISTORY, Training
from gamification.learning.jp_ledger import JpSource
from gamification.learning.module_store import answer_keys, version_row
from gamification.points.badges import award_badges
from gamification.points.ledger import award_facts
from gamification.points.recalc import recalculate
from gamification.points.streaks import update_streak
from gamification.points.totals_follower import TotalsFollower
from gamification.storage.database import unit_of_work
from gamification.storage.tables import (
    Attempt,
    Certificate,
    Completion,
    Fact,
    JpCredit,
    Module,
    PendingFact,
    Person,
    Region,
)

HISTORY_DAYS = 365
LIVE_DAYS = 11  # the latest days belong to the live attempts
LEFT_TO_LEARN = 4  # modules nobody completes in the history, so every learner has something new to open
FAILED_FIRST = 0.2  # of the completions come after a failed attempt
CHUNK = 250  # rows per insert statement
# standings on the year's 20 JP, with their share of the demo staff
MET, ON_TRACK, BEHIND, IDLE = "met", "on_track", "behind", "idle"
STANDINGS = ((MET, 0.12), (ON_TRACK, 0.28), (BEHIND, 0.45), (IDLE, 0.15))
CLIENT_PREFIX = "demo-riwayat"
NUMBER_PREFIX = "DEMO"


@dataclass
class DemoModule:
    id: int
    region: int | None
    version: dict
    topics: str
    passed: tuple[str, object]  # the answers as stored, and their grade
    failed: tuple[str, object] | None


@dataclass
class Learner:
    id: int
    region: int
    unit: int
    timezone: str
    standing: str = IDLE
    completions: list[tuple[DemoModule, dt.datetime, bool]] = field(default_factory=list)
    trainings: list[tuple[Training, dt.date, int]] = field(default_factory=list)  # with the JP granted (centi)


async def seed_history(follow: TotalsFollower, rng: random.Random, now: dt.datetime) -> dict[str, int]:
    """The year before the live days, for every demo person placed in a unit; call once, on a fresh demo."""
    modules = await _modules()
    learners = await _learners()
    deciders = await _deciders()
    for learner in learners:
        _plan(learner, modules, rng, now)
    async with unit_of_work():
        completions = await _write_completions(learners, now)
        certificates = await _write_certificates(learners, deciders, now)
    await recalculate(follow=follow)  # the set-based engine awards every fact just written
    await _attempts_answer_their_xp()
    return {"completions": completions, "certificates": certificates}


async def _attempts_answer_their_xp() -> None:
    """Each passing attempt keeps the XP its completion earned, as the attempt service stores it for a replay."""
    await Attempt.raw(
        "UPDATE attempt SET xp_awarded = (SELECT COALESCE(SUM(e.xp), 0) FROM completion c"
        " JOIN fact f ON f.source_key = 'completion:' || CAST(c.id AS VARCHAR(20))"
        " JOIN xp_entry e ON e.fact = f.id WHERE c.attempt = attempt.id)"
        " WHERE client_id LIKE {} AND credited = {}",
        f"{CLIENT_PREFIX}-%",
        True,
    )


async def streaks_and_badges(follow: TotalsFollower, now: dt.datetime) -> int:
    """After the live attempts: the streaks and badges of the people the history alone has taught (an
    attempt through the service brought its learner's up to date already); the recalculation's own step."""
    learned = set(await Completion.select(Completion.person).distinct().output(as_list=True))
    live = await Attempt.select(Attempt.person).where(Attempt.client_id.not_like(f"{CLIENT_PREFIX}-%")).distinct()
    people = sorted(learned - {row["person"] for row in live})
    async with unit_of_work():  # one commit for them all: nobody else writes during the seed
        for person_id in people:
            await award_facts(await update_streak(person_id, now), follow=follow, queued=True)
            await award_badges(person_id)
    return len(people)


async def _modules() -> list[DemoModule]:
    rows = await Module.select(Module.id, Module.region, Module.version, Module.topics).where(
        Module.status == ModuleStatus.PUBLISHED.value
    )
    found = []
    for row in sorted(rows, key=lambda row: row["id"]):
        version = await version_row(row["id"], row["version"])
        keys = await answer_keys(version["id"])
        right = {key.question_id: key.correct_ids for key in keys}
        half = dict(list(right.items())[: len(right) // 2])  # the rest left unanswered
        passed = _answered(keys, right, version["pass_mark"])
        failed = _answered(keys, half, version["pass_mark"])
        found.append(
            DemoModule(row["id"], row["region"], version, row["topics"], passed, None if failed[1].passed else failed)
        )
    return found


def _answered(keys, answers: dict, pass_mark: int) -> tuple[str, object]:
    stored = json.dumps({str(question): sorted(chosen) for question, chosen in answers.items()})
    return stored, grade(keys, answers, pass_mark)


async def _learners() -> list[Learner]:
    zones = {row["id"]: row["timezone"] for row in await Region.select(Region.id, Region.timezone)}
    rows = await Person.select(Person.id, Person.region, Person.unit).where(Person.unit.is_not_null())
    return [Learner(row["id"], row["region"], row["unit"], zones[row["region"]]) for row in sorted(rows, key=_by_id)]


async def _deciders() -> dict[int, int]:
    """Each region's admin, who verified the certificates."""
    rows = await Person.select(Person.id, Person.region).where(Person.roles.like("admin%"))
    return {row["region"]: row["id"] for row in sorted(rows, key=_by_id)}


def _by_id(row: dict) -> int:
    return row["id"]


def _plan(learner: Learner, modules: list[DemoModule], rng: random.Random, now: dt.datetime) -> None:
    """The learner's standing, completions and trainings; the JP of the current year lands in its band."""
    zone = ZoneInfo(learner.timezone)
    pace = jp_pace(now, learner.timezone)
    first, last = now - dt.timedelta(days=HISTORY_DAYS), now - dt.timedelta(days=LIVE_DAYS)
    year_start = dt.datetime(pace.year, 1, 1, tzinfo=zone)
    learner.standing = rng.choices([s for s, _ in STANDINGS], [w for _, w in STANDINGS])[0]
    mine = [m for m in modules if m.region in (None, learner.region)]
    most = max(0, len(mine) - LEFT_TO_LEARN)
    count = {MET: (most // 2, most), ON_TRACK: (most // 3, most), BEHIND: (0, most // 3), IDLE: (0, 1)}
    for module in rng.sample(mine, k=min(most, rng.randint(*count[learner.standing]))):
        finished = _working_moment(rng, first, last, zone)
        learner.completions.append((module, finished, module.failed is None or rng.random() >= FAILED_FIRST))
    this_year = sum(m.version["jp_centi"] for m, at, _ in learner.completions if at >= year_start)
    due = _quarters_up(pace.due_centi)
    wanted = {
        MET: rng.randint(TARGET_CENTI, TARGET_CENTI + 800),
        ON_TRACK: rng.randint(due, TARGET_CENTI - 25) if due <= TARGET_CENTI - 25 else TARGET_CENTI,
        BEHIND: int(due * rng.uniform(0.1, 0.8)),
        IDLE: 0,
    }[learner.standing]
    # up to yesterday; on 1 January, when the year has no yesterday, today, so that a demo seeded on New
    # Year's Day still shows a year begun (people who met it, a month board) rather than an empty one
    latest_day = max((now - dt.timedelta(days=1)).astimezone(zone).date(), year_start.date())
    days = (max(year_start.date(), min(latest_day, last.astimezone(zone).date())), latest_day)
    _trainings(learner, rng, wanted - this_year, days, exact=learner.standing != MET)
    if learner.standing != IDLE and first < year_start:  # last year's share, before this year began
        earlier = (first.astimezone(zone).date(), (year_start - dt.timedelta(days=1)).date())
        _trainings(learner, rng, rng.randint(0, 1600), earlier, exact=True)


def _trainings(learner: Learner, rng: random.Random, centi: int, days: tuple[dt.date, dt.date], exact: bool) -> None:
    """Trainings worth ``centi`` JP (at least that, unless ``exact``: then the last one granted in part)."""
    while centi >= 25 and days[0] <= days[1]:
        training = rng.choice(HISTORY.trainings)
        granted = min(training.jp * 100, _quarters_up(centi)) if exact else training.jp * 100
        day = days[0] + dt.timedelta(days=rng.randint(0, (days[1] - days[0]).days))
        learner.trainings.append((training, day, granted))
        centi -= granted


def _quarters_up(centi: int) -> int:
    return math.ceil(centi / 25) * 25


def _working_moment(rng: random.Random, first: dt.datetime, last: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """A moment between ``first`` and ``last``, between 07:00 and 21:00 on the region's clock."""
    day = (first + (last - first) * rng.random()).astimezone(zone).date()
    local = dt.datetime.combine(day, dt.time(7), zone) + dt.timedelta(minutes=rng.randint(0, 14 * 60))
    return min(max(local, first), last).astimezone(dt.timezone.utc)


async def _write_completions(learners: list[Learner], now: dt.datetime) -> int:
    attempts, by_client = [], {}
    for learner in learners:
        for module, finished, first_attempt in learner.completions:
            tries = [("lulus", module.passed, True)]
            if not first_attempt:
                tries.insert(0, ("gagal", module.failed, False))
            for number, (word, (answers, graded), passed) in enumerate(tries):
                ended = finished - dt.timedelta(days=len(tries) - 1 - number)
                client_id = f"{CLIENT_PREFIX}-{learner.id}-{module.id}-{word}"
                attempts.append(_attempt(learner, module, client_id, answers, graded, passed, ended))
            by_client[f"{CLIENT_PREFIX}-{learner.id}-{module.id}-lulus"] = (learner, module, finished, first_attempt)
    await _insert(Attempt, attempts)
    ids = await Attempt.select(Attempt.id, Attempt.client_id).where(Attempt.client_id.like(f"{CLIENT_PREFIX}-%"))
    attempt_of = {row["client_id"]: row["id"] for row in ids}
    completions = []
    for client_id, (learner, module, finished, first_attempt) in by_client.items():
        version = module.version
        completions.append(
            Completion(
                person=learner.id,
                module=module.id,
                module_version=version["id"],
                attempt=attempt_of[client_id],
                region=learner.region,
                unit=learner.unit,
                competency_type=version["competency_type"],
                topics=module.topics,
                xp=version["xp"],
                jp_centi=version["jp_centi"],
                score=module.passed[1].score,
                first_attempt=first_attempt,
                completed_at=finished,
                local_date=finished.astimezone(ZoneInfo(learner.timezone)).date(),
                recorded_at=finished,
            )
        )
    await _insert(Completion, completions)
    written = await Completion.select(
        Completion.id, Completion.attempt, Completion.person, Completion.module, Completion.completed_at
    ).where(Completion.attempt.is_in(list(attempt_of.values()) or [0]))
    ours = {(c["person"], c["module"]): c["id"] for c in written}
    credits, facts = [], []
    for learner, module, finished, first_attempt in by_client.values():
        completion_id, version = ours[(learner.id, module.id)], module.version
        local = finished.astimezone(ZoneInfo(learner.timezone))
        credits.append(
            JpCredit(
                person=learner.id,
                source_kind=JpSource.MODULE.value,
                source_id=completion_id,
                title=version["title"],
                competency_type=version["competency_type"],
                jp_centi=version["jp_centi"],
                earned_at=finished,
                year=local.year,
            )
        )
        facts.append(
            Fact(
                kind=FactKind.MODULE_COMPLETION.value,
                person=learner.id,
                region=learner.region,
                unit=learner.unit,
                source_key=f"completion:{completion_id}",
                label=version["title"],
                occurred_at=finished,
                local_date=local.date(),
                xp=version["xp"],
                score=module.passed[1].score,
                first_attempt=first_attempt,
                recorded_at=finished,
            )
        )
    await _insert(JpCredit, credits)
    await _insert_pending(facts)
    return len(completions)


def _attempt(learner, module, client_id, answers, graded, passed, finished) -> Attempt:
    return Attempt(
        person=learner.id,
        module=module.id,
        module_version=module.version["id"],
        client_id=client_id,
        answers=answers,
        score=graded.score,
        correct_count=graded.correct_count,
        question_count=graded.question_count,
        passed=passed,
        credited=passed,
        xp_awarded=0,  # the engine's award, written after it (_attempts_answer_their_xp)
        new_badges="[]",
        started_at=finished - dt.timedelta(minutes=7 + learner.id % 9),
        finished_at=finished,
        submitted_at=finished,
    )


async def _write_certificates(learners: list[Learner], deciders: dict[int, int], now: dt.datetime) -> int:
    rows, owners = [], {}
    for learner in learners:
        zone = ZoneInfo(learner.timezone)
        for index, (training, day, granted) in enumerate(learner.trainings):
            number = f"{NUMBER_PREFIX}/{learner.id}/{day:%Y}/{index + 1:03d}"
            noon = min(dt.datetime.combine(day, dt.time(12), zone), now)  # today's (1 January): by now at the latest
            decided = max(noon, min(noon + dt.timedelta(days=2 + learner.id % 5), now - dt.timedelta(hours=1)))
            key = duplicate_key(training.issuer, number)
            rows.append(
                Certificate(
                    person=learner.id,
                    issuer=training.issuer,
                    number=number,
                    duplicate_key=key,
                    claim_key=key,
                    title=training.title,
                    completed_on=day,
                    jp_claimed_centi=training.jp * 100,
                    jp_granted_centi=granted,
                    competency_type=training.competency_type,
                    status="verified",
                    decided_by=deciders.get(learner.region),
                    decided_at=decided,
                    decision_reason="" if granted == training.jp * 100 else "JP disesuaikan dengan jadwal pelatihan.",
                    client_id=f"{CLIENT_PREFIX}-{learner.id}-{index + 1}",
                    created_at=noon,
                    updated_at=decided,
                )
            )
            owners[number] = (learner, training, noon, decided, granted)
    await _insert(Certificate, rows)
    ids = await Certificate.select(Certificate.id, Certificate.number).where(
        Certificate.number.like(f"{NUMBER_PREFIX}/%")
    )
    credits, facts = [], []
    for row in ids:
        learner, training, earned, decided, granted = owners[row["number"]]
        zone = ZoneInfo(learner.timezone)
        credits.append(
            JpCredit(
                person=learner.id,
                source_kind=JpSource.CERTIFICATE.value,
                source_id=row["id"],
                title=training.title,
                competency_type=training.competency_type,
                jp_centi=granted,
                earned_at=earned,
                year=earned.astimezone(zone).year,
            )
        )
        facts.append(  # the XP is earned when it is verified, as credit_certificate records it
            Fact(
                kind=FactKind.CERTIFICATE_VERIFIED.value,
                person=learner.id,
                region=learner.region,
                unit=learner.unit,
                source_key=f"certificate:{row['id']}",
                label=training.title,
                occurred_at=decided,
                local_date=decided.astimezone(zone).date(),
                recorded_at=decided,
            )
        )
    await _insert(JpCredit, credits)
    await _insert_pending(facts)
    return len(rows)


async def _insert(table, rows: list) -> None:
    for start in range(0, len(rows), CHUNK):
        await table.insert(*rows[start : start + CHUNK])


async def _insert_pending(facts: list[Fact]) -> None:
    """Facts for the recalculation to award: each with its row in the pending queue."""
    for start in range(0, len(facts), CHUNK):
        inserted = await Fact.insert(*facts[start : start + CHUNK]).returning(Fact.id)
        await PendingFact.insert(*[PendingFact(fact=row["id"]) for row in inserted])
