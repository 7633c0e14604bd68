"""The scheduler process is killed (SIGKILL) in the middle of a recalculation, and runs again.

A subprocess runs the scheduler's recalculation job, set up as ``tangkas scheduler`` sets it up
(migrations, boards kept in step with Redis when configured), over a few thousand pending facts,
and is killed once some batches have committed. The next trigger's run, in a new process, is not
held up by the dead run's ``job_run`` row and awards the rest. Afterwards every fact is awarded
exactly once, the totals equal the ledger and the boards agree; the dead run's row, still
"running", is marked abandoned by the first run of the job an hour later.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import subprocess
import textwrap
from pathlib import Path

from gamification.points.scheduled import recalc_job
from gamification.storage.job_runs import STALE_AFTER, trigger_time
from gamification.storage.settings import Settings
from gamification.storage.tables import Fact, JobRun
from tests import wiring
from tests.awards import WIB, WITA, award, boards_ready, this_week_at
from tests.clock import python_command
from tests.conftest import TEST_SECRET
from tests.faults.checkpoints import DEADLINE_SECONDS, until
from tests.invariants import books_balance, facts_awarded_once
from tests.pending_facts import import_completions, pending

ROOT = Path(__file__).resolve().parents[2]
FACTS = 6000  # twelve batches of 500, each held a moment: a couple of seconds of work

# The job as the scheduler runs it, in a process of its own.
RECALC_JOB = textwrap.dedent(
    """
    import asyncio, datetime as dt, json, sys
    from api.cli import with_database
    from gamification.storage.settings import Settings
    from gamification.points import recalc
    from gamification.points.scheduled import recalc_job

    recalc.PENDING_BATCH = 500
    award_range = recalc.award_range

    async def held_a_moment(*args, **kwargs):  # room for the test to kill the run between batches
        await asyncio.sleep(0.15)
        return await award_range(*args, **kwargs)

    recalc.award_range = held_a_moment
    database_url, redis_url, secret, now = sys.argv[1:]
    settings = Settings(database_url=database_url, redis_url=redis_url or None, jwt_secret=secret)
    counts = asyncio.run(with_database(settings, lambda tangkas: recalc_job(follow=tangkas.boards.writes, now=dt.datetime.fromisoformat(now))))
    print(json.dumps(counts))
    """
)


async def start_recalc_job(settings, now: dt.datetime) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        *python_command("-c"),
        RECALC_JOB,
        settings.database_url,
        settings.redis_url or "",
        TEST_SECRET,
        now.isoformat(),
        cwd=ROOT,
        stdout=subprocess.PIPE,
    )


async def pending_facts(world) -> dict[int, int]:
    """FACTS completions spread over eight people in two regions this week; XP each person should get."""
    people = [
        (region, zone, person)
        for region, zone in ((world.pontianak, WIB), (world.palu, WITA))
        for person in (region.admin, region.manager, region.asn, region.asn_child)
    ]
    return await import_completions(people, FACTS, xp_cycle=7)


async def evaluated() -> int:
    return await Fact.count() - await pending()


async def test_a_recalculation_killed_half_way_is_finished_by_the_next_trigger(app, world, settings):
    p = world.pontianak
    await award(p.asn, 40, this_week_at(WIB, 0, 7))  # on the boards before the run
    await boards_ready()
    expected = await pending_facts(world)
    expected[p.asn] += 40
    trigger = trigger_time(dt.datetime.now(dt.timezone.utc), 5)

    first = await start_recalc_job(settings, trigger)

    async def a_few_batches_committed() -> bool:
        assert first.returncode is None, "the recalculation ended before it could be killed"
        return await evaluated() > 1000

    await until(a_few_batches_committed, "the first batches of the run")
    first.kill()
    await first.wait()
    left = FACTS + 1 - await evaluated()
    assert 0 < left < FACTS  # killed half-way: some batches committed, some not
    dead = await JobRun.select().where(JobRun.scheduled_for == trigger).first()
    assert (dead["job"], dead["outcome"], dead["finished_at"]) == ("recalc", "running", None)

    second = await start_recalc_job(settings, trigger + dt.timedelta(minutes=5))
    output, _ = await asyncio.wait_for(second.communicate(), DEADLINE_SECONDS)
    assert second.returncode == 0
    counts = json.loads(output)
    assert counts["facts_evaluated"] == left and counts["entries_added"] == left  # the rest, nothing again
    await facts_awarded_once()
    await books_balance(expected)

    runs = {run["scheduled_for"]: run["outcome"] for run in await JobRun.select()}
    assert runs == {trigger: "running", trigger + dt.timedelta(minutes=5): "ok"}
    an_hour_on = dead["started_at"] + STALE_AFTER + dt.timedelta(seconds=Settings.recalc_every_seconds + 60)
    assert (await recalc_job(**wiring.points_jobs(), now=an_hour_on))["facts_evaluated"] == 0
    dead = await JobRun.select().where(JobRun.scheduled_for == trigger).first()
    assert dead["outcome"] == "abandoned" and dead["finished_at"] is not None and "stopped" in dead["error"]
    assert await JobRun.count().where(JobRun.outcome == "running") == 0
