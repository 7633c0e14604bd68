from gamification.demo.seed import seed_demo
from gamification.storage.migrations import migrate
from gamification.storage.tables import Agency, Module, ModuleQuestion, Person, Region, Unit
from tests import wiring


async def test_migrations_can_run_again_without_change(db):
    await migrate()
    await migrate()
    assert await Region.count() == 0


async def test_demo_seed_is_safe_to_run_twice(demo):
    first, tangkas = demo, wiring.tangkas()  # the database and Redis as the first seed left them
    tables = (Region, Agency, Unit, Person, Module, ModuleQuestion)
    counts = [await table.count() for table in tables]
    second = await seed_demo(tangkas.services["attempt_service"], tangkas.awarding)
    assert [await table.count() for table in tables] == counts
    assert first["modules"] == await Module.count().where(Module.status == "published") >= 20
    assert await Module.count().where(Module.region.is_null()) >= 16
    assert first["people"] == second["people"] >= 200
    assert {r["slug"]: r["timezone"] for r in await Region.select(Region.slug, Region.timezone)} == {
        "pontianak": "Asia/Jakarta",
        "binjai": "Asia/Jakarta",
        "medan-marelan": "Asia/Jakarta",
        "palu": "Asia/Makassar",
    }
    orphan_units = await Unit.count().where(Unit.path == "")
    assert orphan_units == 0
