"""Grading a quiz attempt and the anti-gaming rules on its timing; pure functions, no I/O."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from domain.errors import InvalidInput
from domain.ids import parse_id
from domain.modules import QuestionKind

CLIENT_ID_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")
CLOCK_SKEW = dt.timedelta(minutes=2)  # phones run a little fast; further ahead is the future


@dataclass(frozen=True)
class AnswerKey:
    question_id: int
    kind: QuestionKind
    option_ids: frozenset[int]
    correct_ids: frozenset[int]


@dataclass(frozen=True)
class QuestionResult:
    question_id: int
    correct: bool
    chosen_option_ids: list[int]
    correct_option_ids: list[int] | None  # None until the person has passed the module


@dataclass(frozen=True)
class Grade:
    score: int  # percent
    correct_count: int
    question_count: int
    passed: bool
    questions: list[QuestionResult]


def check_client_id(client_id: str) -> str:
    if not CLIENT_ID_PATTERN.fullmatch(client_id):
        raise InvalidInput("client_id_format")
    return client_id


def parse_answers(raw: dict[str, int | list[int]]) -> dict[int, frozenset[int]]:
    """``{"12": 40, "13": [41, 43]}`` → question id → chosen option ids."""
    answers: dict[int, frozenset[int]] = {}
    for key, chosen in raw.items():
        question_id = parse_id(key)
        if question_id is None:  # not an id at all, so in no module: the same answer as an unknown one
            raise InvalidInput("answer_question_unknown", question=key[:20])
        if question_id in answers:
            raise InvalidInput("answer_question_repeated", question=question_id)
        options = [chosen] if isinstance(chosen, int) else chosen
        if len(set(options)) != len(options):
            raise InvalidInput("answer_option_repeated", question=question_id)
        answers[question_id] = frozenset(options)
    return answers


def grade(keys: list[AnswerKey], answers: dict[int, frozenset[int]], pass_mark: int) -> Grade:
    """Grade on the server: a question is right when exactly its correct options were chosen.

    An unanswered question counts as wrong; an answer to a question that is not in this
    version of the module, or an option of another question, refuses the whole attempt.
    """
    by_id = {key.question_id: key for key in keys}
    for question_id, chosen in answers.items():
        key = by_id.get(question_id)
        if key is None:
            raise InvalidInput("answer_question_unknown", question=question_id)
        if not chosen <= key.option_ids:
            raise InvalidInput("answer_option_unknown", question=question_id)
        if key.kind is QuestionKind.SINGLE and len(chosen) > 1:
            raise InvalidInput("answer_single_has_many", question=question_id)
    results = [
        QuestionResult(
            question_id=key.question_id,
            correct=answers.get(key.question_id) == key.correct_ids,
            chosen_option_ids=sorted(answers.get(key.question_id, ())),
            correct_option_ids=sorted(key.correct_ids),
        )
        for key in keys
    ]
    correct = sum(result.correct for result in results)
    score = round(100 * correct / len(keys)) if keys else 0
    return Grade(score, correct, len(keys), score >= pass_mark, results)


def without_answer_key(graded: Grade) -> Grade:
    """The grade shown before the module is passed: which questions were right or wrong, but not the right
    options, which would let the next try pass without learning anything."""
    return replace(graded, questions=[replace(q, correct_option_ids=None) for q in graded.questions])


def check_attempt_times(
    started_at: dt.datetime,
    finished_at: dt.datetime,
    now: dt.datetime,
    min_seconds: int,
    offline_window: dt.timedelta,
) -> None:
    """Client clocks are trusted within bounds: never in the future, never older than the window."""
    if started_at.tzinfo is None or finished_at.tzinfo is None:
        raise InvalidInput("attempt_time_zone_required")
    if finished_at < started_at:
        raise InvalidInput("attempt_times_out_of_order")
    if finished_at > now + CLOCK_SKEW:
        raise InvalidInput("attempt_in_future")
    if finished_at < now - offline_window:
        raise InvalidInput("attempt_too_old", days=offline_window.days)
    if (finished_at - started_at).total_seconds() < min_seconds:
        raise InvalidInput("attempt_too_fast", min_seconds=min_seconds)


def local_date(moment: dt.datetime, timezone: str) -> dt.date:
    return moment.astimezone(ZoneInfo(timezone)).date()
