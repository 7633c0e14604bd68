"""Quiz attempts, graded on the server, one at a time or as an offline batch.

An attempt is keyed by the phone's ``client_id``: a replay returns the first result and changes
nothing. The person's first pass of a module records the completion fact and credits its JP,
in the same transaction as the attempt; later attempts are practice and credit nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from domain.access import Actor
from domain.attempts import (
    Grade,
    QuestionResult,
    check_attempt_times,
    check_client_id,
    grade,
    local_date,
    parse_answers,
    without_answer_key,
)
from domain.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from domain.jp import jp_value
from domain.modules import ModuleStatus
from domain.rules import FactKind, FactValues
from domain.timezones import NATIONAL_TIMEZONE
from gamification.identity.sign_in import TokenCaller, actor_of_row
from gamification.learning.attempt_reads import attempt_context, version_answer_keys
from gamification.learning.attempt_writes import insert_attempt, insert_completion
from gamification.learning.jp_ledger import JpSource, credit_jp
from gamification.learning.module_store import version_row
from gamification.points.facts import record_fact
from gamification.points.ledger import earnings
from gamification.points.region_config import region_config
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_deadlock, is_unique_violation
from gamification.storage.json_column import loaded
from gamification.storage.settings import Settings
from gamification.storage.tables import Attempt, Completion, ModuleQuestion, ModuleVersion

if TYPE_CHECKING:  # handed in by the composition root: learning does not reach up into awarding
    from gamification.points.awarding import Awarding

MAX_WRITE_TRIES = 3


@dataclass(frozen=True)
class AttemptInput:
    client_id: str
    answers: dict[str, int | list[int]]
    started_at: dt.datetime
    finished_at: dt.datetime


@dataclass(frozen=True)
class AttemptResult:
    attempt_id: int
    client_id: str
    module_id: int
    version: int
    score: int
    passed: bool
    correct_count: int
    question_count: int
    pass_mark: int
    completed: bool  # this attempt was the person's first pass: JP and XP credited
    xp_awarded: int
    jp_credited: float
    finished_at: dt.datetime
    questions: list[QuestionResult]
    new_badges: list[dict] = field(default_factory=list)  # {code, name} of the badges this attempt earned
    replayed: bool = False


@dataclass(frozen=True)
class SyncOutcome:
    client_id: str
    module_id: int
    result: AttemptResult | None = None
    error: DomainError | None = None


class AttemptService:
    def __init__(self, settings: Settings, awarding: Awarding) -> None:
        self._awarding = awarding
        self.offline_window = dt.timedelta(days=settings.offline_window_days)
        self.sync_max_items = settings.sync_max_items

    async def submit(self, caller: Actor | TokenCaller, module_id: int, attempt: AttemptInput) -> AttemptResult:
        """``caller`` may be a token's person not read yet: the attempt's first statement reads them."""
        if isinstance(caller, Actor) and (caller.region_id is None or caller.unit_id is None):
            raise Forbidden("learner_only")
        check_client_id(attempt.client_id)
        try:
            answers, unreadable = parse_answers(attempt.answers), None
        except InvalidInput as error:
            answers, unreadable = {}, error
        keys = None
        for tries_left in reversed(range(MAX_WRITE_TRIES)):
            context = await attempt_context(caller.person_id, module_id, attempt.client_id, next(iter(answers), None))
            actor = caller if isinstance(caller, Actor) else await actor_of_row(context.caller, caller)
            if actor.region_id is None or actor.unit_id is None:
                raise Forbidden("learner_only")
            if context.replayed_attempt is not None:
                return await _replay(actor.person_id, module_id, attempt.client_id)
            if unreadable is not None:
                raise unreadable
            module = _module_for_learner(actor, context.module)
            version = context.version or await _version_answered(module, answers)
            if keys is None:
                keys = await version_answer_keys(version["id"])
                if not set(answers) <= {key.question_id for key in keys}:
                    await _version_answered(module, answers)  # tells an unknown question from mixed versions
            now = dt.datetime.now(dt.timezone.utc)
            check_attempt_times(
                attempt.started_at, attempt.finished_at, now, version["min_seconds"], self.offline_window
            )
            if module["archived_at"] is not None and attempt.finished_at > module["archived_at"]:
                raise Conflict("module_archived")
            graded = grade(keys, answers, version["pass_mark"])
            timezone = context.timezone or NATIONAL_TIMEZONE
            credited = graded.passed and not context.completed
            config = await region_config(actor.region_id, context.rules_version) if credited else None
            try:
                async with unit_of_work():
                    recorded = await _record(
                        actor, module, version, attempt, answers, graded, context, timezone, config, self._awarding
                    )
                break
            except Exception as error:
                # A racing request took the client_id or the completion first, or PostgreSQL broke a lock
                # cycle by rolling this one back whole: look again.
                if not (is_unique_violation(error) or is_deadlock(error)) or not tries_left:
                    raise
        attempt_id, credited, xp, badges = recorded
        shown = graded if graded.passed or context.completed else without_answer_key(graded)
        return _result(
            attempt_id, attempt.client_id, module_id, version, shown, credited, attempt.finished_at, xp, badges
        )

    async def sync(self, actor: Actor, items: list[tuple[int, AttemptInput]]) -> list[SyncOutcome]:
        """Each item stands alone: one refused attempt does not spoil the others."""
        if not items:
            raise InvalidInput("sync_batch_empty")
        if len(items) > self.sync_max_items:
            raise InvalidInput("sync_batch_too_large", max=self.sync_max_items)
        outcomes = []
        for module_id, attempt in items:
            try:
                outcomes.append(
                    SyncOutcome(attempt.client_id, module_id, result=await self.submit(actor, module_id, attempt))
                )
            except DomainError as error:
                outcomes.append(SyncOutcome(attempt.client_id, module_id, error=error))
        return outcomes


def _module_for_learner(actor: Actor, module: dict | None) -> dict:
    if module is None or module["region"] not in (None, actor.region_id):
        raise NotFound("module_not_found")
    if module["status"] == ModuleStatus.DRAFT:
        raise NotFound("module_not_published")
    return module


async def _version_answered(module: dict, answers: dict[int, frozenset[int]]) -> dict:
    """The version the attempt was made on, known from its questions (a phone may hold an older one)."""
    if not answers:
        return await version_row(module["id"], module["version"])
    rows = await ModuleQuestion.select(ModuleQuestion.id, ModuleQuestion.module_version).where(
        ModuleQuestion.id.is_in(list(answers)), ModuleQuestion.module_version.module == module["id"]
    )
    found = {row["id"] for row in rows}
    unknown = next((question for question in answers if question not in found), None)
    if unknown is not None:
        raise InvalidInput("answer_question_unknown", question=unknown)
    if len({row["module_version"] for row in rows}) > 1:
        raise InvalidInput("answer_versions_mixed")
    return await ModuleVersion.select().where(ModuleVersion.id == rows[0]["module_version"]).first()


async def _record(
    actor, module, version, attempt, answers, graded, context, timezone, config, awarding: Awarding
) -> tuple[int, bool, int, list[dict]]:
    """The attempt, and for the person's first pass its completion, JP, fact and award: the XP it
    earns is worked out from the region's rules before the attempt is written, so that the attempt
    is written once with it."""
    person_id = actor.person_id
    credited = config is not None
    first_attempt = credited and not context.attempted  # only a completion records it
    day = local_date(attempt.finished_at, timezone)
    earned = []
    if credited:
        values = FactValues(xp=version["xp"], score=graded.score, first_attempt=first_attempt, level=None, voided=False)
        earned = earnings(FactKind.MODULE_COMPLETION.value, actor.region_id, day, values, config.rules)
    xp = sum(target for _, target in earned)
    attempt_id = await insert_attempt(
        person_id=person_id,
        module_id=module["id"],
        version_id=version["id"],
        client_id=attempt.client_id,
        answers=json.dumps({str(question): sorted(chosen) for question, chosen in answers.items()}),
        score=graded.score,
        correct_count=graded.correct_count,
        question_count=graded.question_count,
        passed=graded.passed,
        credited=credited,
        xp_awarded=xp,
        started_at=attempt.started_at,
        finished_at=attempt.finished_at,
    )
    if not credited:
        return attempt_id, credited, 0, []
    completion_id = await insert_completion(
        person_id=person_id,
        module_id=module["id"],
        version_id=version["id"],
        attempt_id=attempt_id,
        region_id=actor.region_id,
        unit_id=actor.unit_id,
        competency_type=version["competency_type"],
        topics=module["topics"],
        xp=version["xp"],
        jp_centi=version["jp_centi"],
        score=graded.score,
        first_attempt=first_attempt,
        completed_at=attempt.finished_at,
        local_date=day,
    )
    await credit_jp(
        person_id=person_id,
        source=JpSource.MODULE,
        source_id=completion_id,
        title=version["title"],
        competency_type=version["competency_type"],
        jp_centi=version["jp_centi"],
        earned_at=attempt.finished_at,
        timezone=timezone,
    )
    fact = {
        "person": person_id,
        "region": actor.region_id,
        "unit": actor.unit_id,
        "occurred_at": attempt.finished_at,
        "local_date": day,
        "voided_at": None,
    }
    fact["id"] = await record_fact(
        kind=FactKind.MODULE_COMPLETION,
        person_id=person_id,
        source_key=f"completion:{completion_id}",
        label=version["title"],
        occurred_at=attempt.finished_at,
        local_date=day,
        region_id=actor.region_id,
        unit_id=actor.unit_id,
        xp=version["xp"],
        score=graded.score,
        first_attempt=first_attempt,
    )  # not queued: awarded here and now, from the rules of the version read with the module
    now = dt.datetime.now(dt.timezone.utc)
    awarded = await awarding.after_completion(
        fact,
        earned,
        timezone=timezone,
        levels=config.levels,
        unit_path=actor.unit_path,
        agency_id=actor.agency_id,
        now=now,
    )
    if awarded.xp != xp or awarded.badges:  # a streak milestone, a badge: the replay answers the same
        await Attempt.update({Attempt.xp_awarded: awarded.xp, Attempt.new_badges: json.dumps(awarded.badges)}).where(
            Attempt.id == attempt_id
        )
    return attempt_id, credited, awarded.xp, awarded.badges


async def _replay(person_id: int, module_id: int, client_id: str) -> AttemptResult | None:
    row = await Attempt.select().where((Attempt.person == person_id) & (Attempt.client_id == client_id)).first()
    if row is None:
        return None
    if row["module"] != module_id:
        raise Conflict("client_id_reused")
    version = await ModuleVersion.select().where(ModuleVersion.id == row["module_version"]).first()
    stored = loaded(row["answers"])
    answers = {int(question): frozenset(chosen) for question, chosen in stored.items()}
    graded = await _shown(
        person_id, module_id, grade(await version_answer_keys(version["id"]), answers, version["pass_mark"])
    )
    badges = loaded(row["new_badges"])
    result = _result(
        row["id"], client_id, module_id, version, graded, row["credited"], row["finished_at"], row["xp_awarded"], badges
    )
    return replace(result, replayed=True)


async def _shown(person_id: int, module_id: int, graded: Grade) -> Grade:
    """The right options once the module is passed (by this attempt or an earlier one), never before:
    a replay of a failed attempt is asked the same question again."""
    passed = graded.passed or await Completion.exists().where(
        (Completion.person == person_id) & (Completion.module == module_id)
    )
    return graded if passed else without_answer_key(graded)


def _result(attempt_id, client_id, module_id, version, graded, credited, finished_at, xp, badges) -> AttemptResult:
    return AttemptResult(
        attempt_id=attempt_id,
        client_id=client_id,
        module_id=module_id,
        version=version["version"],
        score=graded.score,
        passed=graded.passed,
        correct_count=graded.correct_count,
        question_count=graded.question_count,
        pass_mark=version["pass_mark"],
        completed=credited,
        xp_awarded=xp,
        jp_credited=jp_value(version["jp_centi"]) if credited else 0.0,
        finished_at=finished_at,
        questions=graded.questions,
        new_badges=badges,
    )
