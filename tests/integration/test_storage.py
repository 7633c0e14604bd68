from gamification.demo_seed import seed_demo
from gamification.migrate import migrate
from gamification.tables import Agency, Person, Region, Unit


async def test_migrations_can_run_again_without_change(db):
    await migrate()
    await migrate()
    assert await Region.count() == 0


async def test_demo_seed_is_safe_to_run_twice(db):
    first = await seed_demo()
    counts = [await table.count() for table in (Region, Agency, Unit, Person)]
    second = await seed_demo()
    assert [await table.count() for table in (Region, Agency, Unit, Person)] == counts
    assert first["people"] == second["people"] >= 200
    assert {r["slug"]: r["timezone"] for r in await Region.select(Region.slug, Region.timezone)} == {
        "pontianak": "Asia/Jakarta",
        "binjai": "Asia/Jakarta",
        "medan-marelan": "Asia/Jakarta",
        "palu": "Asia/Makassar",
    }
    orphan_units = await Unit.count().where(Unit.path == "")
    assert orphan_units == 0
