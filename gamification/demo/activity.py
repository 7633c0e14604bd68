"""The demo's last ten days of learning, so that leaderboards, streaks and displays have something to show.

After the year of history (``history``), demo staff pass modules they have not completed yet through the same attempt service a phone uses (graded, credited, awarded),
with finishing times spread over the last ten days as if synced from offline, and some since the
current week or month began, so that no current board is empty, even just after midnight on a Monday.
"""

from __future__ import annotations

import datetime as dt
import random

from domain.access import Actor
from domain.leaderboards import Period, window_at
from domain.modules import ModuleStatus
from domain.roles import parse_roles
from domain.timezones import NATIONAL_TIMEZONE
from gamification.learning.attempts import AttemptInput, AttemptService
from gamification.learning.module_store import answer_keys, version_row
from gamification.storage.tables import Completion, Module, Person

LEARNING_SHARE = 0.2  # of the demo staff have learned something lately
DAYS_BACK = 10
FRESH_SHARE = 0.35  # of the attempts finish since the latest week or month began


async def seed_activity(attempts: AttemptService, rng: random.Random, now: dt.datetime) -> int:
    """Demo attempts, as of ``now``; call once, on a fresh demo."""
    fresh_since = _latest_turn(now)
    modules = await Module.select(Module.id, Module.region, Module.version).where(
        Module.status == ModuleStatus.PUBLISHED.value
    )
    keys = {m["id"]: await _right_answers(m["id"], m["version"]) for m in modules}
    people = (
        await Person.select(Person.id, Person.roles, Person.region, Person.unit, Person.unit.path, Person.unit.agency)
        .where(Person.unit.is_not_null())
        .order_by(Person.id)
    )
    done = {(row["person"], row["module"]) for row in await Completion.select(Completion.person, Completion.module)}
    passed = 0
    for person in people:
        if rng.random() > LEARNING_SHARE:
            continue
        actor = Actor(
            person["id"],
            parse_roles(person["roles"]),
            person["region"],
            person["unit"],
            person["unit.path"],
            person["unit.agency"],
        )
        mine = [
            m["id"] for m in modules if m["region"] in (None, person["region"]) and (person["id"], m["id"]) not in done
        ]
        if not mine:
            continue
        for module_id in rng.sample(mine, k=min(len(mine), rng.randint(1, 2))):
            finished = _finished_at(rng, now, fresh_since)
            answer = AttemptInput(
                client_id=f"demo-{person['id']}-{module_id}",
                answers=keys[module_id],
                started_at=finished - dt.timedelta(minutes=rng.randint(4, 15)),
                finished_at=finished,
            )
            await attempts.submit(actor, module_id, answer)
            passed += 1
    return passed


def _latest_turn(now: dt.datetime) -> dt.datetime:
    """When the current week or month began, whichever is later, on WIB's calendar: the latest of
    Indonesia's midnights, so the moment is in the current periods of every region."""
    return max(window_at(period, NATIONAL_TIMEZONE, now).starts_at for period in (Period.WEEK, Period.MONTH))


def _finished_at(rng: random.Random, now: dt.datetime, fresh_since: dt.datetime) -> dt.datetime:
    if rng.random() < FRESH_SHARE:
        return fresh_since + (now - fresh_since) * rng.random()
    return now - dt.timedelta(minutes=rng.randint(30, DAYS_BACK * 24 * 60))


async def _right_answers(module_id: int, number: int) -> dict[str, int | list[int]]:
    version = await version_row(module_id, number)
    return {
        str(key.question_id): sorted(key.correct_ids) if key.kind.value == "multiple" else min(key.correct_ids)
        for key in await answer_keys(version["id"])
    }
