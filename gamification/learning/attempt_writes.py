"""The rows an attempt writes, in hand-written statements of constant text: prepared once per
connection, where building the ORM's inserts for every attempt took an eighth of an API worker's
time under attempt load (issue 20). What they write is what the ORM wrote, defaults included."""

from __future__ import annotations

import datetime as dt

from gamification.storage.tables import Attempt, Completion

ATTEMPT_INSERT = (
    "INSERT INTO attempt (person, module, module_version, client_id, answers, score, correct_count, question_count,"
    " passed, credited, xp_awarded, new_badges, started_at, finished_at, submitted_at)"
    " VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, '[]', {}, {}, {}) RETURNING id"
)
COMPLETION_INSERT = (
    "INSERT INTO completion (person, module, module_version, attempt, region, unit, competency_type, topics, xp,"
    " jp_centi, score, first_attempt, completed_at, local_date, recorded_at)"
    " VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}) RETURNING id"
)


async def insert_attempt(
    *,
    person_id: int,
    module_id: int,
    version_id: int,
    client_id: str,
    answers: str,
    score: int,
    correct_count: int,
    question_count: int,
    passed: bool,
    credited: bool,
    xp_awarded: int,
    started_at: dt.datetime,
    finished_at: dt.datetime,
) -> int:
    """``answers``: the JSON text of the options chosen per question. Returns the attempt's id."""
    rows = await Attempt.raw(
        ATTEMPT_INSERT,
        person_id,
        module_id,
        version_id,
        client_id,
        answers,
        score,
        correct_count,
        question_count,
        passed,
        credited,
        xp_awarded,
        started_at,
        finished_at,
        dt.datetime.now(dt.timezone.utc),
    )
    return rows[0]["id"]


async def insert_completion(
    *,
    person_id: int,
    module_id: int,
    version_id: int,
    attempt_id: int,
    region_id: int | None,
    unit_id: int | None,
    competency_type: str,
    topics: str,
    xp: int,
    jp_centi: int,
    score: int,
    first_attempt: bool,
    completed_at: dt.datetime,
    local_date: dt.date,
) -> int:
    """A person's first pass of a module; returns the completion's id."""
    rows = await Completion.raw(
        COMPLETION_INSERT,
        person_id,
        module_id,
        version_id,
        attempt_id,
        region_id,
        unit_id,
        competency_type,
        topics,
        xp,
        jp_centi,
        score,
        first_attempt,
        completed_at,
        local_date,
        dt.datetime.now(dt.timezone.utc),
    )
    return rows[0]["id"]
