import asyncio
import datetime as dt
import subprocess
import textwrap

import pytest

from api.bootstrap import bootstrap
from api.scheduler import build_scheduler, every
from gamification.points.scheduled import close_day_job, close_days_job
from gamification.storage.job_runs import run_once, trigger_time
from gamification.storage.settings import Settings
from gamification.storage.tables import JobRun, Region, Streak
from tests.clock import python_command
from tests.conftest import TEST_SECRET

NOW = dt.datetime(2026, 11, 23, 3, 7, 42, tzinfo=dt.timezone.utc)


async def test_a_trigger_fired_by_several_schedulers_runs_once_and_is_recorded(db):
    calls = []

    async def work():
        calls.append(1)
        await asyncio.sleep(0.05)
        return {"facts": 3}

    when = trigger_time(NOW, 5)
    results = await asyncio.gather(*[run_once("recalc", when, work) for _ in range(4)])
    assert (len(calls), sorted(r is None for r in results)) == (1, [False, True, True, True])
    run = await JobRun.select().first()
    assert (run["outcome"], run["finished_at"] is not None, run["scheduled_for"]) == ("ok", True, when)
    assert await run_once("recalc", trigger_time(NOW + dt.timedelta(minutes=5), 5), work) == {"facts": 3}


async def test_a_failing_job_is_recorded_as_failed(db):
    async def broken():
        raise RuntimeError("database hilang")

    with pytest.raises(RuntimeError):
        await run_once("recalc", NOW, broken)
    run = await JobRun.select().first()
    assert run["outcome"] == "failed" and "database hilang" in run["error"]


def test_processes_a_moment_apart_agree_on_the_trigger():
    assert trigger_time(NOW, 5) == trigger_time(NOW + dt.timedelta(seconds=50), 5) == NOW.replace(minute=5, second=0)


def test_the_recalculation_fires_on_the_same_grid_as_its_trigger_time():
    """Every five minutes by default, exactly as before the interval was a setting; a short interval
    (the multi-process test's) fires on a grid of seconds that trigger_time follows."""
    tangkas = bootstrap(Settings(jwt_secret=TEST_SECRET))
    recalc = build_scheduler(tangkas).get_job("recalc")
    assert str(recalc.trigger) == str(every(300)) == "cron[minute='*/5']"
    assert recalc.kwargs["every_seconds"] == 300 and recalc.kwargs["follow"] is tangkas.boards.writes
    assert trigger_time(NOW, seconds=300) == trigger_time(NOW, 5) == NOW.replace(minute=5, second=0)
    for seconds in (2, 15, 60, 600, 3600):
        fires = every(seconds).get_next_fire_time(None, NOW)
        assert trigger_time(fires, seconds=seconds) == fires
        assert (
            trigger_time(fires + dt.timedelta(seconds=seconds) - dt.timedelta(microseconds=1), seconds=seconds) == fires
        )
        assert every(seconds).get_next_fire_time(fires, fires + dt.timedelta(microseconds=1)) == fires + dt.timedelta(
            seconds=seconds
        )


async def test_local_midnight_closes_the_day_of_its_own_regions_only(client, world, as_):
    monday = dt.date(2026, 11, 16)
    for person in (world.pontianak.asn, world.palu.asn):
        await Streak.insert(Streak(person=person, current=4, longest=4, last_day=monday))
    # Thursday 00:00 WITA: Tuesday and Wednesday were missed working days in Palu
    await close_day_job("Asia/Makassar", now=dt.datetime(2026, 11, 18, 16, 0, tzinfo=dt.timezone.utc))
    palu = await Streak.select().where(Streak.person == world.palu.asn).first()
    pontianak = await Streak.select().where(Streak.person == world.pontianak.asn).first()
    assert (palu["current"], pontianak["current"]) == (0, 4)
    assert [r["job"] for r in await JobRun.select(JobRun.job)] == ["close_day:Asia/Makassar"]


async def test_every_zone_a_region_uses_has_its_day_closed_at_its_own_midnight(client, world, as_):
    """A region on Asia/Pontianak (WIB by another name) was never closed when the zones were a fixed list."""
    await Region.update({Region.timezone: "Asia/Pontianak"}).where(Region.id == world.pontianak.region_id)
    monday = dt.date(2026, 11, 16)
    for person in (world.pontianak.asn, world.palu.asn):
        await Streak.insert(Streak(person=person, current=4, longest=4, last_day=monday))
    wib_midnight = dt.datetime(2026, 11, 18, 17, 0, tzinfo=dt.timezone.utc)  # Thursday 00:00 WIB, 01:00 WITA
    closed = await close_days_job(now=wib_midnight)
    assert list(closed) == ["Asia/Pontianak"]  # Palu's midnight was an hour before
    assert await close_days_job(now=wib_midnight + dt.timedelta(minutes=20)) == {"Asia/Pontianak": None}  # once
    pontianak = await Streak.select().where(Streak.person == world.pontianak.asn).first()
    palu = await Streak.select().where(Streak.person == world.palu.asn).first()
    assert (pontianak["current"], palu["current"]) == (0, 4)
    scheduler = build_scheduler(bootstrap(Settings(jwt_secret=TEST_SECRET)))
    assert str(scheduler.get_job("close_days").trigger) == "cron[minute='0']"


@pytest.mark.postgres
async def test_two_scheduler_processes_run_each_trigger_once(db, database_url):
    program = textwrap.dedent(
        f"""
        import asyncio, datetime as dt
        from gamification.storage.settings import Settings
        from gamification.storage.database import bind_engine, create_engine, open_engine
        from gamification.points.scheduled import recalc_job
        from gamification.points.totals_follower import NobodyFollows

        async def main():
            engine = create_engine(Settings(database_url={database_url!r}))
            bind_engine(engine)
            await open_engine(engine, pool_size=2)
            result = await recalc_job(follow=NobodyFollows(), now=dt.datetime(2026, 11, 23, 3, 7, tzinfo=dt.timezone.utc))
            print("ran" if result is not None else "skipped")

        asyncio.run(main())
        """
    )
    processes = [
        await asyncio.create_subprocess_exec(*python_command("-c", program), stdout=subprocess.PIPE) for _ in range(2)
    ]
    outputs = sorted([(await p.communicate())[0].decode().strip() for p in processes])
    assert outputs == ["ran", "skipped"]
    assert await JobRun.count() == 1
