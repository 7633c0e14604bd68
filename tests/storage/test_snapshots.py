"""A restored snapshot leaves the database and Redis exactly as the build it was taken from (tests/snapshots.py)."""

import datetime as dt

from gamification.organization.structure import OrganizationService
from gamification.storage.redis_client import create_redis
from gamification.storage.tables import Holiday, Region
from tests import snapshots
from tests.conftest import DEMO_SNAPSHOT, empty_database
from tests.factories import SYSTEM, World, add_person, build_world


async def everything(redis_url: str | None, defaults: snapshots.Rows) -> dict:
    """Every table's rows but the defaults an emptied database holds (made anew, at another time, by each
    emptying), with the label epoch the triggers raise, the id sequences, and every Redis key with its value."""
    rows = snapshots.added(defaults, await snapshots.dump_rows())
    assert rows is not None, "the defaults changed"
    epoch = await snapshots.dump_rows(["label_epoch"])
    redis = await snapshots.dump_redis(redis_url) if redis_url else []
    return {name: rows.get(name) for name in snapshots.TABLES} | {
        "label_epoch": epoch["label_epoch"],
        "sequences": await snapshots.sequences(),
        "redis": [(key, ttl >= 0, value) for key, ttl, value in redis],
    }


async def empty(redis_url: str | None) -> None:
    await empty_database()
    if redis_url:
        async with create_redis(redis_url) as redis:
            await redis.flushdb()


async def inserts_after(world: World) -> list[int]:
    """The ids a test gets for what it adds next: a region, a unit, a person, a holiday (the build deleted some)."""
    org = OrganizationService()
    region = await org.create_region(SYSTEM, "Kota Binjai", "binjai", "Asia/Jakarta")
    unit = await org.create_unit(SYSTEM, world.palu.agency_id, None, "Bidang Baru")
    person = await add_person("Orang Baru", unit.id, world.palu.region_id)
    holiday = await Holiday.insert(
        Holiday(region=world.palu.region_id, day=dt.date(2030, 1, 2), name="Libur")
    ).returning(Holiday.id)
    return [region.id, unit.id, person, holiday[0]["id"]]


async def test_a_restored_world_equals_a_built_one(app, settings):
    defaults = await snapshots.dump_rows()
    built, snapshot = await snapshots.take(build_world, settings.redis_url)
    assert snapshot is not None, "the world's build changed a default row: it is built before every test"
    left_by_build = await everything(settings.redis_url, defaults)
    assert left_by_build["person"] and left_by_build["unit"]
    added_after_build = await inserts_after(built)
    assert await Region.count() == 3

    await empty(settings.redis_url)
    defaults = await snapshots.dump_rows()
    restored = await snapshots.restore(snapshot, settings.redis_url)

    assert restored == built
    assert await everything(settings.redis_url, defaults) == left_by_build
    assert await inserts_after(restored) == added_after_build


async def test_the_world_fixture_restores_the_same_world_each_time(app, settings, world):
    await empty(settings.redis_url)
    defaults = await snapshots.dump_rows()
    assert await snapshots.restore(snapshots.taken["world"], settings.redis_url) == world
    first = await everything(settings.redis_url, defaults)
    await empty(settings.redis_url)
    defaults = await snapshots.dump_rows()
    assert await snapshots.restore(snapshots.taken["world"], settings.redis_url) == world
    assert await everything(settings.redis_url, defaults) == first


async def test_a_restored_demo_equals_the_seeded_one(demo, settings):
    """The demo snapshot holds the rows the seed added, its sequences and Redis keys: restored, they are all back."""
    snapshot = snapshots.taken[DEMO_SNAPSHOT]
    await empty(settings.redis_url)
    defaults = await snapshots.dump_rows()
    assert await snapshots.restore(snapshot, settings.redis_url) == demo
    assert snapshots.added(defaults, await snapshots.dump_rows()) == snapshot.rows
    assert await snapshots.sequences() == snapshot.sequences
    restored_redis = await snapshots.dump_redis(settings.redis_url) if settings.redis_url else []
    assert [(key, value) for key, _, value in restored_redis] == [(key, value) for key, _, value in snapshot.redis]
