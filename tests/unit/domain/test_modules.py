import pytest

from domain.errors import InvalidInput
from domain.modules import (
    MAX_LESSONS,
    MAX_OPTIONS,
    MAX_QUESTIONS,
    MAX_TOPICS,
    MAX_XP,
    CompetencyType,
    CoreValue,
    LessonKind,
    QuestionKind,
    check_module,
)

TEXT = {"kind": "text", "body": "Kata sandi yang kuat minimal 12 karakter."}
SINGLE = {
    "text": "Panjang minimal kata sandi?",
    "kind": "single",
    "options": [{"text": "8", "correct": False}, {"text": "12", "correct": True}],
}
GOOD = {
    "title": "Keamanan Siber Dasar",
    "summary": "Menjaga akun dinas.",
    "competency_type": "teknis",
    "topics": ["keamanan-siber"],
    "value": None,
    "estimated_minutes": 10,
    "min_seconds": 120,
    "jp": 0.25,
    "xp": 30,
    "pass_mark": 70,
    "lessons": [TEXT],
    "questions": [SINGLE],
}


def module(**changes):
    return check_module(**(GOOD | changes))


def options(correct: int, total: int = 4) -> list[dict]:
    return [{"text": f"pilihan {n}", "correct": n < correct} for n in range(total)]


def test_a_module_is_normalised():
    content = module(
        title="  Keamanan   Siber Dasar ",
        competency_type=" Sosial_Kultural ",
        topics=[" Keamanan-Siber", "keamanan-siber", "literasi-digital"],
        value="Akuntabel",
        jp=1.5,
        lessons=[{"kind": "VIDEO", "body": " https://video.example.id/1 "}],
    )
    assert content.title == "Keamanan Siber Dasar"
    assert content.competency_type is CompetencyType.SOSIAL_KULTURAL
    assert content.topics == ("keamanan-siber", "literasi-digital")  # lower case, once each, in order
    assert content.value is CoreValue.AKUNTABEL
    assert content.jp_centi == 150
    assert content.lessons[0].kind is LessonKind.VIDEO and content.lessons[0].body == "https://video.example.id/1"


def test_the_seven_berakhlak_values_and_three_competency_types():
    assert len(CoreValue) == 7 and CoreValue("berorientasi-pelayanan") is CoreValue.BERORIENTASI_PELAYANAN
    assert {c.value for c in CompetencyType} == {"teknis", "manajerial", "sosial_kultural"}


@pytest.mark.parametrize(
    "changes",
    [
        {"estimated_minutes": 1, "min_seconds": 60},
        {"estimated_minutes": 60, "min_seconds": 3600},  # the minimum time may be the whole estimate
        {"min_seconds": 0},
        {"xp": 0},
        {"xp": MAX_XP},
        {"pass_mark": 1},
        {"pass_mark": 100},
        {"jp": 0},
        {"value": ""},
        {"topics": [f"topik-{n}" for n in range(MAX_TOPICS)] + ["topik-0"]},  # a repeat is not a sixth topic
        {"topics": ["a" * 40]},
        {"lessons": [TEXT] * MAX_LESSONS},
        {"questions": [SINGLE] * MAX_QUESTIONS},
        {"questions": [{**SINGLE, "options": options(1, MAX_OPTIONS)}]},
        {"questions": [{**SINGLE, "kind": "multiple", "options": options(4)}]},  # every option may be right
        {"lessons": [{"kind": "image", "body": "https://cdn.example.id/a.png"}]},
    ],
)
def test_a_module_at_the_edges_of_its_ranges_is_accepted(changes):
    module(**changes)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"title": "  "}, "module_title_required"),
        ({"title": "x" * 121}, "module_title_too_long"),
        ({"summary": "x" * 501}, "module_summary_too_long"),
        ({"estimated_minutes": 0}, "module_minutes_range"),
        ({"estimated_minutes": 61}, "module_minutes_range"),
        ({"estimated_minutes": 2, "min_seconds": 121}, "module_min_seconds_range"),
        ({"min_seconds": -1}, "module_min_seconds_range"),
        ({"xp": -1}, "module_xp_range"),
        ({"xp": MAX_XP + 1}, "module_xp_range"),
        ({"pass_mark": 0}, "module_pass_mark_range"),
        ({"pass_mark": 101}, "module_pass_mark_range"),
        ({"competency_type": "sosial kultural"}, "module_competency_type_unknown"),
        ({"value": "jujur"}, "module_value_unknown"),
        ({"topics": []}, "module_topics_required"),
        ({"topics": [f"topik-{n}" for n in range(MAX_TOPICS + 1)]}, "module_too_many_topics"),
        ({"topics": ["keamanan siber"]}, "module_topic_format"),
        ({"topics": ["keamanan--siber"]}, "module_topic_format"),
        ({"topics": ["-siber"]}, "module_topic_format"),
        ({"topics": [""]}, "module_topic_format"),
        ({"topics": ["a" * 41]}, "module_topic_format"),
        ({"jp": 0.125}, "module_jp_precision"),
        ({"jp": 41}, "module_jp_range"),
        ({"lessons": []}, "module_lessons_required"),
        ({"lessons": [TEXT] * (MAX_LESSONS + 1)}, "module_too_many_lessons"),
        ({"lessons": [{"kind": "audio", "body": "x"}]}, "module_lesson_kind_unknown"),
        ({"lessons": [{"kind": "text", "body": "  "}]}, "module_lesson_body"),
        ({"lessons": [{"kind": "text", "body": "x" * 20_001}]}, "module_lesson_body"),
        ({"lessons": [{"kind": "video", "body": "http://video.example.id/1"}]}, "module_lesson_link"),
        ({"lessons": [{"kind": "image", "body": "https://cdn.example.id/a b.png"}]}, "module_lesson_link"),
        ({"questions": []}, "module_questions_required"),
        ({"questions": [SINGLE] * (MAX_QUESTIONS + 1)}, "module_too_many_questions"),
        ({"questions": [{**SINGLE, "text": " "}]}, "module_question_text"),
        ({"questions": [{**SINGLE, "kind": "essay"}]}, "module_question_kind_unknown"),
        ({"questions": [{**SINGLE, "options": options(1, 1)}]}, "module_question_options"),
        ({"questions": [{**SINGLE, "options": options(1, MAX_OPTIONS + 1)}]}, "module_question_options"),
        (
            {"questions": [{**SINGLE, "options": [{"text": " ", "correct": True}, {"text": "b", "correct": False}]}]},
            "module_option_text",
        ),
        ({"questions": [{**SINGLE, "options": options(2)}]}, "module_single_needs_one_correct"),
        ({"questions": [{**SINGLE, "options": options(0)}]}, "module_single_needs_one_correct"),
        ({"questions": [{**SINGLE, "kind": "multiple", "options": options(0)}]}, "module_multiple_needs_correct"),
    ],
)
def test_a_module_that_breaks_a_rule_is_refused_with_its_own_code(changes, code):
    with pytest.raises(InvalidInput) as caught:
        module(**changes)
    assert caught.value.code == code


def test_a_broken_lesson_or_question_is_named_by_its_number():
    with pytest.raises(InvalidInput) as caught:
        module(questions=[SINGLE, SINGLE, {**SINGLE, "options": options(2)}])
    assert caught.value.params == {"number": 3}
    with pytest.raises(InvalidInput) as caught:
        module(lessons=[TEXT, {"kind": "image", "body": "gambar.png"}])
    assert caught.value.params == {"number": 2}


def test_questions_keep_their_options_in_order_with_which_are_correct():
    question = module(questions=[{**SINGLE, "kind": "Multiple", "options": options(2, 3)}]).questions[0]
    assert question.kind is QuestionKind.MULTIPLE
    assert [(o.text, o.correct) for o in question.options] == [
        ("pilihan 0", True),
        ("pilihan 1", True),
        ("pilihan 2", False),
    ]
