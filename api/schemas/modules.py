"""Request bodies of authoring, attempts and offline sync. Bounds here keep absurd payloads out;
the rules of a valid module live in ``domain.modules``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

from api.schemas.organization import Id
from gamification.learning.attempts import AttemptResult

ShortText = Annotated[str, msgspec.Meta(max_length=300)]
LongText = Annotated[str, msgspec.Meta(max_length=20_000)]
Code = Annotated[str, msgspec.Meta(max_length=40)]
OptionId = Annotated[int, msgspec.Meta(ge=1, le=2**63 - 1)]
ClientId = Annotated[str, msgspec.Meta(max_length=64, description="Chosen by the phone (8–64 of A–Z a–z 0–9 . _ : -)")]
Answers = Annotated[
    dict[Annotated[str, msgspec.Meta(max_length=20)], OptionId | Annotated[list[OptionId], msgspec.Meta(max_length=8)]],
    msgspec.Meta(
        max_length=50,
        description='Question id → chosen option id, or a list of ids for a multiple-choice question: {"12": 40, "13": [41, 43]}',
    ),
]


class OptionIn(msgspec.Struct, forbid_unknown_fields=True):
    text: ShortText
    correct: bool = False


class QuestionIn(msgspec.Struct, forbid_unknown_fields=True):
    text: Annotated[str, msgspec.Meta(max_length=1_000)]
    kind: Code
    options: Annotated[list[OptionIn], msgspec.Meta(max_length=8)]


class LessonIn(msgspec.Struct, forbid_unknown_fields=True):
    kind: Code
    body: LongText


class ModuleWrite(msgspec.Struct, forbid_unknown_fields=True):
    title: ShortText
    competency_type: Code
    topics: Annotated[list[Code], msgspec.Meta(max_length=10)]
    estimated_minutes: Annotated[int, msgspec.Meta(ge=0, le=10_000)]
    min_seconds: Annotated[int, msgspec.Meta(ge=0, le=1_000_000)]
    jp: Annotated[float, msgspec.Meta(ge=0, le=1_000)]
    xp: Annotated[int, msgspec.Meta(ge=0, le=1_000_000)]
    pass_mark: Annotated[int, msgspec.Meta(ge=0, le=1_000)]
    lessons: Annotated[list[LessonIn], msgspec.Meta(max_length=100)]
    questions: Annotated[list[QuestionIn], msgspec.Meta(max_length=100)]
    summary: Annotated[str, msgspec.Meta(max_length=1_000)] = ""
    value: Code | None = None
    region_id: Id | None = msgspec.field(default=None)

    def content(self) -> dict:
        """The fields ``domain.modules.check_module`` takes, as plain values."""
        fields = msgspec.structs.asdict(self)
        fields.pop("region_id")
        fields["lessons"] = [msgspec.structs.asdict(lesson) for lesson in self.lessons]
        fields["questions"] = [
            {"text": q.text, "kind": q.kind, "options": [msgspec.structs.asdict(o) for o in q.options]}
            for q in self.questions
        ]
        return fields


class AttemptIn(msgspec.Struct, forbid_unknown_fields=True):
    client_id: ClientId
    answers: Answers
    started_at: dt.datetime
    finished_at: dt.datetime


class SyncAttemptIn(msgspec.Struct, forbid_unknown_fields=True):
    module_id: Id
    client_id: ClientId
    answers: Answers
    started_at: dt.datetime
    finished_at: dt.datetime


class SyncIn(msgspec.Struct, forbid_unknown_fields=True):
    attempts: list[SyncAttemptIn]  # the service bounds the count, with its own code


class ItemProblem(msgspec.Struct):
    code: str
    detail: str


class SyncItemOut(msgspec.Struct):
    client_id: str
    module_id: int
    status: int  # 201 recorded, 200 a replay, 4xx refused (see ``problem``)
    result: AttemptResult | None = None
    problem: ItemProblem | None = None


class SyncOut(msgspec.Struct):
    results: list[SyncItemOut]
