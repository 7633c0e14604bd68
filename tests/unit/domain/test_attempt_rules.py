import datetime as dt

import pytest

from domain.attempts import AnswerKey, check_attempt_times, grade, local_date, parse_answers, without_answer_key
from domain.errors import InvalidInput
from domain.jp import parse_jp
from domain.modules import QuestionKind

NOW = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.timezone.utc)
WINDOW = dt.timedelta(days=14)
KEYS = [
    AnswerKey(1, QuestionKind.SINGLE, frozenset({10, 11, 12}), frozenset({11})),
    AnswerKey(2, QuestionKind.MULTIPLE, frozenset({20, 21, 22}), frozenset({20, 22})),
]


def times(check_ago: dt.timedelta, seconds: float, min_seconds: int = 60):
    finished = NOW - check_ago
    check_attempt_times(finished - dt.timedelta(seconds=seconds), finished, NOW, min_seconds, WINDOW)


def test_a_multiple_choice_question_is_right_only_with_exactly_its_correct_options():
    assert grade(KEYS, {1: frozenset({11}), 2: frozenset({20, 22})}, 100).score == 100
    partly = grade(KEYS, {1: frozenset({11}), 2: frozenset({20})}, 50)
    assert (partly.score, partly.passed, [q.correct for q in partly.questions]) == (50, True, [True, False])
    too_many = grade(KEYS, {2: frozenset({20, 21, 22})}, 50)
    assert (too_many.score, too_many.passed, too_many.questions[0].chosen_option_ids) == (0, False, [])


def test_answers_are_parsed_strictly():
    assert parse_answers({"1": 11, "2": [22, 20]}) == {1: frozenset({11}), 2: frozenset({20, 22})}
    for raw, code in [
        ({"1": 11, "01": 12}, "answer_question_repeated"),
        ({"-1": 11}, "answer_question_unknown"),
        ({" 1": 11}, "answer_question_unknown"),
        ({"²": 11}, "answer_question_unknown"),
        ({"٣": 11}, "answer_question_unknown"),
        ({"99999999999": 11}, "answer_question_unknown"),
        ({"1" * 19: 11}, "answer_question_unknown"),
        ({"2": [20, 20]}, "answer_option_repeated"),
    ]:
        with pytest.raises(InvalidInput) as caught:
            parse_answers(raw)
        assert caught.value.code == code


def test_timing_rules_have_their_edges_where_the_rules_say():
    times(dt.timedelta(0), 60)  # exactly the minimum is enough
    times(-dt.timedelta(minutes=2), 300)  # a phone clock a little fast is tolerated
    times(WINDOW, 300)  # the last moment of the offline window
    for ago, seconds, code in [
        (dt.timedelta(0), 59.9, "attempt_too_fast"),
        (-dt.timedelta(minutes=3), 300, "attempt_in_future"),
        (WINDOW + dt.timedelta(seconds=1), 300, "attempt_too_old"),
        (dt.timedelta(0), -1, "attempt_times_out_of_order"),
    ]:
        with pytest.raises(InvalidInput) as caught:
            times(ago, seconds)
        assert caught.value.code == code


def test_the_local_date_is_the_regions():
    late_evening = dt.datetime(2026, 11, 23, 16, 30, tzinfo=dt.timezone.utc)
    assert local_date(late_evening, "Asia/Jakarta") == dt.date(2026, 11, 23)
    assert local_date(late_evening, "Asia/Makassar") == dt.date(2026, 11, 24)


def test_jp_is_kept_exactly_in_hundredths():
    assert [parse_jp(v) for v in (0, 0.25, 0.1, 1.5, 40)] == [0, 25, 10, 150, 4000]
    for value, code in [(0.125, "module_jp_precision"), (-0.25, "module_jp_range"), (40.25, "module_jp_range")]:
        with pytest.raises(InvalidInput) as caught:
            parse_jp(value)
        assert caught.value.code == code


def test_the_grade_shown_before_a_pass_keeps_right_and_wrong_but_not_the_right_options():
    graded = grade(KEYS, {1: frozenset({10}), 2: frozenset({20, 22})}, 100)
    shown = without_answer_key(graded)
    assert [(q.correct, q.chosen_option_ids, q.correct_option_ids) for q in shown.questions] == [
        (False, [10], None),
        (True, [20, 22], None),
    ]
    assert (shown.score, shown.passed) == (graded.score, graded.passed)
    assert graded.questions[0].correct_option_ids == [11]  # the grade itself is unchanged
