"""What tests/unit/domain/test_attempt_rules.py leaves out: refused answers, score rounding, client ids, naive clocks."""

import datetime as dt

import pytest

from domain.attempts import AnswerKey, check_attempt_times, check_client_id, grade
from domain.errors import InvalidInput
from domain.modules import QuestionKind

KEYS = [
    AnswerKey(1, QuestionKind.SINGLE, frozenset({10, 11}), frozenset({11})),
    AnswerKey(2, QuestionKind.SINGLE, frozenset({20, 21}), frozenset({20})),
    AnswerKey(3, QuestionKind.MULTIPLE, frozenset({30, 31, 32}), frozenset({30, 31})),
]
RIGHT = {1: frozenset({11}), 2: frozenset({20}), 3: frozenset({30, 31})}


@pytest.mark.parametrize(
    ("answers", "score", "passed"),
    [
        (RIGHT, 100, True),
        ({1: frozenset({11}), 2: frozenset({20})}, 67, True),  # 2 of 3, rounded; the question left out is wrong
        ({1: frozenset({11})}, 33, False),
        ({}, 0, False),
        ({**RIGHT, 3: frozenset({30})}, 67, True),  # half of a multiple-choice answer is wrong
    ],
)
def test_the_score_is_the_rounded_share_of_right_answers_and_passes_at_the_pass_mark(answers, score, passed):
    result = grade(KEYS, answers, pass_mark=67)
    assert (result.score, result.passed, result.question_count) == (score, passed, 3)


def test_a_score_just_under_the_pass_mark_fails():
    assert not grade(KEYS, {1: frozenset({11}), 2: frozenset({20})}, pass_mark=68).passed


def test_the_result_lists_every_question_with_the_right_options_sorted():
    result = grade(KEYS, {3: frozenset({31, 30, 32})}, pass_mark=50)
    assert [(q.question_id, q.correct) for q in result.questions] == [(1, False), (2, False), (3, False)]
    assert (result.questions[2].chosen_option_ids, result.questions[2].correct_option_ids) == ([30, 31, 32], [30, 31])


@pytest.mark.parametrize(
    ("answers", "code"),
    [
        ({9: frozenset({90})}, "answer_question_unknown"),  # not in this version of the module
        ({1: frozenset({20})}, "answer_option_unknown"),  # an option of another question
        ({1: frozenset({10, 11})}, "answer_single_has_many"),
    ],
)
def test_an_answer_that_does_not_fit_the_module_refuses_the_whole_attempt(answers, code):
    with pytest.raises(InvalidInput) as caught:
        grade(KEYS, {**RIGHT, **answers}, pass_mark=50)
    assert caught.value.code == code


def test_a_module_without_questions_scores_zero():
    assert grade([], {}, pass_mark=1).score == 0


@pytest.mark.parametrize("client_id", ["abcd1234", "x" * 64, "2026-11-23T08:00:00.123Z", "a.b_c:d-e"])
def test_a_client_id_of_8_to_64_safe_characters_is_accepted(client_id):
    assert check_client_id(client_id) == client_id


@pytest.mark.parametrize("client_id", ["abc1234", "x" * 65, "abcd 1234", "abcd/1234", "ábcd1234", "\nabcd1234"])
def test_any_other_client_id_is_refused(client_id):
    with pytest.raises(InvalidInput) as caught:
        check_client_id(client_id)
    assert caught.value.code == "client_id_format"


def test_a_client_id_ending_in_a_newline_is_refused():
    with pytest.raises(InvalidInput):
        check_client_id("abcd1234\n")


def test_times_without_a_zone_are_refused_because_the_day_would_be_a_guess():
    now = dt.datetime(2026, 11, 23, 3, tzinfo=dt.timezone.utc)
    naive = dt.datetime(2026, 11, 23, 9, 50)
    with pytest.raises(InvalidInput) as caught:
        check_attempt_times(naive, now, now, 0, dt.timedelta(days=14))
    assert caught.value.code == "attempt_time_zone_required"
