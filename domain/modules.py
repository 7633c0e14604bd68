"""What makes a learning module valid, before any storage is touched."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from domain.errors import InvalidInput
from domain.jp import parse_jp
from domain.text import check_shown_text

TOPIC_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_TITLE = 120
MAX_SUMMARY = 500
MAX_TOPICS = 5
MAX_LESSONS = 40
MAX_LESSON_TEXT = 20_000
MAX_QUESTIONS = 50
MAX_OPTIONS = 8
MAX_QUESTION_TEXT = 1_000
MAX_OPTION_TEXT = 300
MAX_XP = 1_000


class CompetencyType(StrEnum):
    TEKNIS = "teknis"
    MANAJERIAL = "manajerial"
    SOSIAL_KULTURAL = "sosial_kultural"


class CoreValue(StrEnum):
    """BerAKHLAK, the ASN core values."""

    BERORIENTASI_PELAYANAN = "berorientasi-pelayanan"
    AKUNTABEL = "akuntabel"
    KOMPETEN = "kompeten"
    HARMONIS = "harmonis"
    LOYAL = "loyal"
    ADAPTIF = "adaptif"
    KOLABORATIF = "kolaboratif"


class ModuleStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class LessonKind(StrEnum):
    TEXT = "text"
    IMAGE = "image"
    VIDEO = "video"


class QuestionKind(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"


@dataclass(frozen=True)
class Lesson:
    kind: LessonKind
    body: str


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool


@dataclass(frozen=True)
class Question:
    text: str
    kind: QuestionKind
    options: tuple[Option, ...]


@dataclass(frozen=True)
class ModuleContent:
    title: str
    summary: str
    competency_type: CompetencyType
    topics: tuple[str, ...]
    value: CoreValue | None
    estimated_minutes: int
    min_seconds: int
    jp_centi: int
    xp: int
    pass_mark: int
    lessons: tuple[Lesson, ...]
    questions: tuple[Question, ...]


def check_module(
    *,
    title: str,
    summary: str,
    competency_type: str,
    topics: list[str],
    value: str | None,
    estimated_minutes: int,
    min_seconds: int,
    jp: float,
    xp: int,
    pass_mark: int,
    lessons: list[dict],
    questions: list[dict],
) -> ModuleContent:
    """Validate and normalise a module; every rule breaks with its own code."""
    title = " ".join(title.split())
    if not title:
        raise InvalidInput("module_title_required")
    if len(title) > MAX_TITLE:
        raise InvalidInput("module_title_too_long", max=MAX_TITLE)
    check_shown_text(title)
    summary = summary.strip()
    if len(summary) > MAX_SUMMARY:
        raise InvalidInput("module_summary_too_long", max=MAX_SUMMARY)
    if not 1 <= estimated_minutes <= 60:
        raise InvalidInput("module_minutes_range")
    if not 0 <= min_seconds <= estimated_minutes * 60:
        raise InvalidInput("module_min_seconds_range")
    if not 0 <= xp <= MAX_XP:
        raise InvalidInput("module_xp_range", max=MAX_XP)
    if not 1 <= pass_mark <= 100:
        raise InvalidInput("module_pass_mark_range")
    return ModuleContent(
        title=title,
        summary=summary,
        competency_type=_member(CompetencyType, competency_type, "module_competency_type_unknown"),
        topics=_topics(topics),
        value=_member(CoreValue, value, "module_value_unknown") if value else None,
        estimated_minutes=estimated_minutes,
        min_seconds=min_seconds,
        jp_centi=parse_jp(jp),
        xp=xp,
        pass_mark=pass_mark,
        lessons=_lessons(lessons),
        questions=_questions(questions),
    )


def _member(enum, raw: str, code: str):
    try:
        return enum(raw.strip().lower())
    except ValueError:
        raise InvalidInput(code) from None


def _topics(raw: list[str]) -> tuple[str, ...]:
    topics = tuple(dict.fromkeys(topic.strip().lower() for topic in raw))
    if not topics:
        raise InvalidInput("module_topics_required")
    if len(topics) > MAX_TOPICS:
        raise InvalidInput("module_too_many_topics", max=MAX_TOPICS)
    for topic in topics:
        if len(topic) > 40 or not TOPIC_PATTERN.fullmatch(topic):
            raise InvalidInput("module_topic_format", topic=topic[:40])
    return topics


def _lessons(raw: list[dict]) -> tuple[Lesson, ...]:
    if not raw:
        raise InvalidInput("module_lessons_required")
    if len(raw) > MAX_LESSONS:
        raise InvalidInput("module_too_many_lessons", max=MAX_LESSONS)
    lessons = []
    for number, item in enumerate(raw, start=1):
        kind = _member(LessonKind, item["kind"], "module_lesson_kind_unknown")
        body = item["body"].strip()
        if not body or len(body) > MAX_LESSON_TEXT:
            raise InvalidInput("module_lesson_body", number=number, max=MAX_LESSON_TEXT)
        check_shown_text(body)
        if kind is not LessonKind.TEXT and not re.fullmatch(r"https://\S+", body):
            raise InvalidInput("module_lesson_link", number=number)
        lessons.append(Lesson(kind, body))
    return tuple(lessons)


def _questions(raw: list[dict]) -> tuple[Question, ...]:
    if not raw:
        raise InvalidInput("module_questions_required")
    if len(raw) > MAX_QUESTIONS:
        raise InvalidInput("module_too_many_questions", max=MAX_QUESTIONS)
    questions = []
    for number, item in enumerate(raw, start=1):
        text = item["text"].strip()
        if not text or len(text) > MAX_QUESTION_TEXT:
            raise InvalidInput("module_question_text", number=number, max=MAX_QUESTION_TEXT)
        check_shown_text(text)
        kind = _member(QuestionKind, item["kind"], "module_question_kind_unknown")
        options = tuple(Option(option["text"].strip(), bool(option["correct"])) for option in item["options"])
        if not 2 <= len(options) <= MAX_OPTIONS:
            raise InvalidInput("module_question_options", number=number, max=MAX_OPTIONS)
        if any(not option.text or len(option.text) > MAX_OPTION_TEXT for option in options):
            raise InvalidInput("module_option_text", number=number, max=MAX_OPTION_TEXT)
        for option in options:
            check_shown_text(option.text)
        correct = sum(option.correct for option in options)
        if kind is QuestionKind.SINGLE and correct != 1:
            raise InvalidInput("module_single_needs_one_correct", number=number)
        if kind is QuestionKind.MULTIPLE and correct == 0:
            raise InvalidInput("module_multiple_needs_correct", number=number)
        questions.append(Question(text, kind, options))
    return tuple(questions)


def topics_text(topics: tuple[str, ...] | list[str]) -> str:
    """Topics as one column: ``;a;b;`` so that a topic is found with ``LIKE '%;a;%'``."""
    return ";" + ";".join(topics) + ";"


def topics_list(text: str) -> list[str]:
    return [topic for topic in text.split(";") if topic]
