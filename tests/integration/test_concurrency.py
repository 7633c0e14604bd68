import asyncio
from urllib.parse import urlparse

import pytest

from gamification.config import Settings
from gamification.database import bind_engine, close_engine, create_engine, open_engine
from gamification.migrate import migrate
from gamification.tables import Person
from tests.backends import recreate_postgres_database


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
    url = urlparse(database_url)._replace(path="/tangkas_test_migrate").geturl()
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
