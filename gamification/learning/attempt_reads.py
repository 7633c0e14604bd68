"""What an attempt needs to know before it is written, in two hand-written statements: the caller, the module,
the version answered, the region's time zone and rules version, and whether this client id, a
completion or an earlier attempt exist; then the version's answer key."""

from __future__ import annotations

from dataclasses import dataclass

from domain.attempts import AnswerKey
from gamification.learning.module_store import answer_keys
from gamification.storage.kept import Kept
from gamification.storage.sql_dialect import as_datetime
from gamification.storage.tables import Module

CALLER_COLUMNS = "p.id, p.roles, p.region, p.unit, u.path AS unit_path, u.agency AS agency, p.active, p.token_epoch"
MODULE_COLUMNS = "m.id AS module_id, m.region AS module_region, m.status, m.archived_at, m.topics"
VERSION_COLUMNS = (
    "v.id AS version_id, v.version, v.title, v.min_seconds, v.pass_mark, v.competency_type, v.xp, v.jp_centi"
)
# The version answered, known from the first question answered (a phone may hold an older one); the
# module's current version when nothing was answered.
ANSWERED_VERSION = "v.id = (SELECT q.module_version FROM module_question q WHERE q.id = {})"
CURRENT_VERSION = "v.version = m.version"


@dataclass(frozen=True)
class AttemptContext:
    caller: dict | None  # the person as ``actor_of_row`` reads them
    module: dict | None  # id, region, status, archived_at, topics
    version: dict | None  # None: the first question answered is of no version of this module
    timezone: str | None
    rules_version: int
    replayed_attempt: int | None  # an attempt of this person with this client id
    completed: bool  # the person passed the module before
    attempted: bool  # the person tried the module before


async def attempt_context(person_id: int, module_id: int, client_id: str, first_question: int | None) -> AttemptContext:
    answered = ANSWERED_VERSION if first_question is not None else CURRENT_VERSION
    rows = await Module.raw(
        f"SELECT {CALLER_COLUMNS}, {MODULE_COLUMNS}, {VERSION_COLUMNS}, r.timezone, r.rules_version,"
        " (SELECT a.id FROM attempt a WHERE a.person = {} AND a.client_id = {}) AS replayed_attempt,"
        " EXISTS (SELECT 1 FROM completion c WHERE c.person = {} AND c.module = m.id) AS completed,"
        " EXISTS (SELECT 1 FROM attempt a WHERE a.person = {} AND a.module = m.id) AS attempted"
        " FROM (SELECT 1 AS one) base"
        " LEFT JOIN person p ON p.id = {}"
        " LEFT JOIN unit u ON u.id = p.unit"
        " LEFT JOIN module m ON m.id = {}"
        f" LEFT JOIN module_version v ON v.module = m.id AND {answered}"
        " LEFT JOIN region r ON r.id = p.region",
        *(person_id, client_id, person_id, person_id, person_id, module_id),
        *([first_question] if first_question is not None else []),
    )
    row = rows[0]
    caller = None
    if row["id"] is not None:
        caller = {key: row[key] for key in ("id", "roles", "region", "unit", "unit_path", "agency", "token_epoch")}
        caller["active"] = bool(row["active"])
    module = None
    if row["module_id"] is not None:
        module = {
            "id": row["module_id"],
            "region": row["module_region"],
            "status": row["status"],
            "archived_at": as_datetime(row["archived_at"]),
            "topics": row["topics"],
        }
    version = None
    if row["version_id"] is not None:
        version = {key: row[key] for key in ("version", "title", "min_seconds", "pass_mark", "competency_type")}
        version |= {"id": row["version_id"], "xp": row["xp"], "jp_centi": row["jp_centi"]}
    return AttemptContext(
        caller=caller,
        module=module,
        version=version,
        timezone=row["timezone"],
        rules_version=row["rules_version"] or 0,
        replayed_attempt=row["replayed_attempt"],
        completed=bool(row["completed"]),
        attempted=bool(row["attempted"]),
    )


# A published version never changes (an edit publishes a new one; a draft, edited in place, is never
# attempted): its answer key is kept per process once read.
_ANSWER_KEYS: Kept[int, list[AnswerKey]] = Kept(limit=5_000)


async def version_answer_keys(version_id: int) -> list[AnswerKey]:
    """The questions of a published version in their order, with their options and which are right."""
    keys = _ANSWER_KEYS.get(version_id)
    return keys if keys is not None else _ANSWER_KEYS.keep(version_id, await answer_keys(version_id))


def forget_answer_keys() -> None:
    """For a database emptied under a running process (the tests): version ids start again."""
    _ANSWER_KEYS.clear()
