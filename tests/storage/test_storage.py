from gamification.demo.seed import seed_demo
from gamification.learning.attempts import AttemptService
from gamification.points.awarding import Awarding
from gamification.points.totals_follower import NobodyFollows
from gamification.storage.migrations import migrate
from gamification.storage.settings import Settings
from gamification.storage.tables import Agency, Module, ModuleQuestion, Person, Region, Unit


async def test_migrations_can_run_again_without_change(db):
    await migrate()
    await migrate()
    assert await Region.count() == 0


async def test_demo_seed_is_safe_to_run_twice(db):
    awarding = Awarding(NobodyFollows())  # the database alone, no boards
    attempt_service = AttemptService(Settings(), awarding)
    first = await seed_demo(attempt_service, awarding)
    tables = (Region, Agency, Unit, Person, Module, ModuleQuestion)
    counts = [await table.count() for table in tables]
    second = await seed_demo(attempt_service, awarding)
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
