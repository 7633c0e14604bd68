"""The push outbox: an index on what is left to push, and nothing written before push existed pushed now."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from gamification.storage.database import current_engine

ID = "2026-12-07T03:11:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "The push outbox's index; notifications from before push marked done."


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)

    async def outbox():
        engine = current_engine()
        # An inbox of months would reach every phone at once on the day push is switched on.
        await engine.run_ddl(
            "UPDATE notification SET pushed_at = created_at, push_result = 'before_push' WHERE pushed_at IS NULL"
        )
        await engine.run_ddl("CREATE INDEX notification_outbox ON notification (id) WHERE pushed_at IS NULL")

    async def drop_index():
        await current_engine().run_ddl("DROP INDEX IF EXISTS notification_outbox")

    manager.add_raw(outbox)
    manager.add_raw_backwards(drop_index)
    return manager
