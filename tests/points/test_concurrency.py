import asyncio
from urllib.parse import urlparse

import pytest

from gamification.points import ledger
from gamification.storage.database import bind_engine, close_engine, create_engine, open_engine
from gamification.storage.migrations import migrate
from gamification.storage.settings import Settings
from gamification.storage.tables import Person, PointsTotal
from tests.backends import recreate_postgres_database
from tests.faults.postgres import until_done_or_waiting_for_a_lock
from tests.invariants import totals_agree_with_ledger
from tests.module_payloads import attempt, published_module


async def test_two_admins_creating_the_same_nip_at_once_store_it_once(client, world, as_):
    payload = {"name": "Kembar", "nip": "199001152015032001", "unit_id": world.pontianak.head_unit, "roles": ["asn"]}
    answers = await asyncio.gather(
        *[client.post("/api/v1/admin/users", json=payload, headers=as_(world.pontianak.admin)) for _ in range(5)]
    )
    assert sorted(a.status_code for a in answers) == [201, 409, 409, 409, 409]
    assert {a.json()["code"] for a in answers if a.status_code == 409} <= {"nip_taken", "person_exists"}
    assert await Person.count().where(Person.nip == "199001152015032001") == 1


@pytest.mark.postgres
def test_processes_migrating_together_apply_each_migration_once(database_url):
    parsed = urlparse(database_url)  # beside the run's own database: parallel runs and workers never share it
    url = parsed._replace(path=f"{parsed.path}_migrate").geturl()
    recreate_postgres_database(url)

    async def migrate_three_at_once() -> list[dict]:
        engine = create_engine(Settings(database_url=url))
        bind_engine(engine)
        await open_engine(engine, pool_size=4)
        try:
            # each call takes the advisory lock on a connection of its own, as separate processes do
            await asyncio.gather(migrate(), migrate(), migrate())
            return await engine.run_ddl("SELECT name, count(*) AS n FROM migration GROUP BY name")
        finally:
            await close_engine(engine)

    rows = asyncio.run(migrate_three_at_once())
    assert rows and all(row["n"] == 1 for row in rows)


@pytest.mark.postgres
async def test_two_completions_of_one_person_committing_together_both_count_in_the_totals(
    client, world, as_, monkeypatch
):
    """Two devices (or two API processes) record completions of one person at once. The first has grown
    the person's totals and not yet committed when the second comes to grow them: the second must wait
    for the first to commit, or whichever writes its total last drops the other's XP."""
    admin, learner = as_(world.pontianak.admin), as_(world.pontianak.asn)
    await attempt(client, learner, await published_module(client, admin, title="Modul Awal", xp=20))
    first, second = [await published_module(client, admin, title=f"Modul {xp}", xp=xp) for xp in (30, 40)]
    grown, go_on = asyncio.Event(), asyncio.Event()
    grow_totals = ledger.grow_totals

    async def grow_then_wait(entries: str, **options) -> list[dict]:
        written = await grow_totals(entries, **options)
        if not grown.is_set():
            grown.set()
            await go_on.wait()
        return written

    monkeypatch.setattr(ledger, "grow_totals", grow_then_wait)
    one = asyncio.create_task(attempt(client, learner, first))
    await asyncio.wait_for(grown.wait(), 30)
    two = asyncio.create_task(attempt(client, learner, second))

    await until_done_or_waiting_for_a_lock(two, "the second completion to commit or to wait for the first")
    go_on.set()
    await asyncio.gather(one, two)
    await totals_agree_with_ledger()
    assert (await PointsTotal.select(PointsTotal.xp).where(PointsTotal.person == world.pontianak.asn).first())[
        "xp"
    ] == 20 + 30 + 40 + 3 * 10  # each a perfect first attempt
