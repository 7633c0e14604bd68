"""The facts still pending (``evaluated_at`` NULL) move into the queue ``pending_fact``, and the partial
index that found them goes: the next migration drops ``evaluated_at`` itself."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from gamification.storage.database import current_engine

ID = "2026-12-07T04:58:32:000000"
VERSION = "1.38.0"
DESCRIPTION = "pending facts into the queue"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)

    async def into_the_queue():
        await current_engine().run_ddl("INSERT INTO pending_fact (fact) SELECT id FROM fact WHERE evaluated_at IS NULL")
        await current_engine().run_ddl("DROP INDEX IF EXISTS fact_pending")

    async def back_onto_the_facts():
        await current_engine().run_ddl(
            "CREATE INDEX IF NOT EXISTS fact_pending ON fact (id) WHERE evaluated_at IS NULL"
        )
        await current_engine().run_ddl(  # the column came back empty: every fact pending
            "UPDATE fact SET evaluated_at = CURRENT_TIMESTAMP WHERE id NOT IN (SELECT fact FROM pending_fact)"
        )

    manager.add_raw(into_the_queue)
    manager.add_raw_backwards(back_onto_the_facts)
    return manager
