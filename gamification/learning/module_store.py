"""Reading and writing a module version's content: lessons, questions, options and the answer key."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from domain.attempts import AnswerKey
from domain.jp import jp_value
from domain.modules import ModuleContent, QuestionKind, topics_list, topics_text
from gamification.storage.json_column import loaded
from gamification.storage.tables import Module, ModuleOption, ModuleQuestion, ModuleVersion


@dataclass(frozen=True)
class LessonView:
    position: int
    kind: str
    body: str


@dataclass(frozen=True)
class OptionView:
    id: int
    text: str


@dataclass(frozen=True)
class KeyedOptionView:
    id: int
    text: str
    correct: bool


@dataclass(frozen=True)
class QuestionView:
    id: int
    text: str
    kind: str
    options: list[OptionView]


@dataclass(frozen=True)
class KeyedQuestionView:
    id: int
    text: str
    kind: str
    options: list[KeyedOptionView]


@dataclass(frozen=True)
class ModuleDetail:
    """What a learner's phone shows: the content of the current version, never the answers."""

    id: int
    version: int
    title: str
    summary: str
    competency_type: str
    topics: list[str]
    value: str | None
    provider: str
    estimated_minutes: int
    min_seconds: int
    jp: float
    xp: int
    pass_mark: int
    lessons: list[LessonView]
    questions: list[QuestionView]


def catalogue_fields(content: ModuleContent) -> dict:
    """The current version's fields that the module row repeats for listing and filtering (by column name)."""
    return {
        "title": content.title,
        "summary": content.summary,
        "competency_type": content.competency_type.value,
        "topics": topics_text(content.topics),
        "value": content.value.value if content.value else None,
        "estimated_minutes": content.estimated_minutes,
        "jp_centi": content.jp_centi,
        "xp": content.xp,
    }


def version_fields(content: ModuleContent) -> dict:
    """A version's graded and credited fields (by column name)."""
    return {
        "title": content.title,
        "competency_type": content.competency_type.value,
        "min_seconds": content.min_seconds,
        "jp_centi": content.jp_centi,
        "xp": content.xp,
        "pass_mark": content.pass_mark,
        "lessons": json.dumps([{"kind": lesson.kind.value, "body": lesson.body} for lesson in content.lessons]),
    }


async def write_questions(version_id: int, content: ModuleContent) -> None:
    for position, question in enumerate(content.questions):
        inserted = await ModuleQuestion.insert(
            ModuleQuestion(module_version=version_id, position=position, text=question.text, kind=question.kind.value)
        ).returning(ModuleQuestion.id)
        await ModuleOption.insert(
            *[
                ModuleOption(question=inserted[0]["id"], position=index, text=option.text, correct=option.correct)
                for index, option in enumerate(question.options)
            ]
        )


async def delete_questions(version_id: int) -> None:
    await ModuleQuestion.delete().where(ModuleQuestion.module_version == version_id)


async def version_row(module_id: int, version: int) -> dict | None:
    return (
        await ModuleVersion.select()
        .where((ModuleVersion.module == module_id) & (ModuleVersion.version == version))
        .first()
    )


async def keyed_questions(version_id: int) -> list[KeyedQuestionView]:
    questions = (
        await ModuleQuestion.select(ModuleQuestion.id, ModuleQuestion.text, ModuleQuestion.kind)
        .where(ModuleQuestion.module_version == version_id)
        .order_by(ModuleQuestion.position)
    )
    options = (
        await ModuleOption.select(ModuleOption.id, ModuleOption.question, ModuleOption.text, ModuleOption.correct)
        .where(ModuleOption.question.module_version == version_id)
        .order_by(ModuleOption.position)
    )
    by_question: dict[int, list[KeyedOptionView]] = {question["id"]: [] for question in questions}
    for option in options:
        by_question[option["question"]].append(KeyedOptionView(option["id"], option["text"], option["correct"]))
    return [KeyedQuestionView(q["id"], q["text"], q["kind"], by_question[q["id"]]) for q in questions]


async def answer_keys(version_id: int) -> list[AnswerKey]:
    """The questions of a version in their order, with their options and which are right: one statement."""
    rows = await Module.raw(
        "SELECT q.id AS question, q.kind, o.id AS option, o.correct"
        " FROM module_question q LEFT JOIN module_option o ON o.question = q.id"
        " WHERE q.module_version = {} ORDER BY q.position, q.id, o.position, o.id",
        version_id,
    )
    keys: dict[int, tuple[str, set[int], set[int]]] = {}
    for row in rows:
        _, options, correct = keys.setdefault(row["question"], (row["kind"], set(), set()))
        if row["option"] is not None:
            options.add(row["option"])
            if row["correct"]:
                correct.add(row["option"])
    return [
        AnswerKey(
            question_id=question, kind=QuestionKind(kind), option_ids=frozenset(options), correct_ids=frozenset(correct)
        )
        for question, (kind, options, correct) in keys.items()
    ]


def lessons_of(version: dict) -> list[LessonView]:
    items = loaded(version["lessons"])
    return [LessonView(position, item["kind"], item["body"]) for position, item in enumerate(items)]


def content_fields(module: dict, version: dict) -> dict:
    """What learners and authors both see of a module's current version (the questions apart)."""
    return {
        "id": module["id"],
        "version": version["version"],
        "title": module["title"],
        "summary": module["summary"],
        "competency_type": module["competency_type"],
        "topics": topics_list(module["topics"]),
        "value": module["value"],
        "provider": module["provider"],
        "estimated_minutes": module["estimated_minutes"],
        "min_seconds": version["min_seconds"],
        "jp": jp_value(version["jp_centi"]),
        "xp": version["xp"],
        "pass_mark": version["pass_mark"],
        "lessons": lessons_of(version),
    }


async def module_detail(module: dict, version: dict) -> ModuleDetail:
    questions = await keyed_questions(version["id"])
    return ModuleDetail(
        **content_fields(module, version),
        questions=[
            QuestionView(q.id, q.text, q.kind, [OptionView(o.id, o.text) for o in q.options]) for q in questions
        ],
    )


def content_hash(detail: ModuleDetail) -> str:
    """The ETag: changes whenever anything a learner sees changes."""
    encoded = json.dumps(asdict(detail), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).hexdigest()


async def refresh_content_hash(module_id: int) -> None:
    module = await Module.select().where(Module.id == module_id).first()
    version = await version_row(module_id, module["version"])
    digest = content_hash(await module_detail(module, version))
    await Module.update({Module.content_hash: digest}).where(Module.id == module_id)
