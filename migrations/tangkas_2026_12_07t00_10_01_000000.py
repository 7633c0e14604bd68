"""Only a verified certificate holds its issuer-and-number key in the unique ``duplicate_key``: every
record's key moves to ``claim_key`` (compared), and open records let go of ``duplicate_key``, so a claim
no longer blocks another person's certificate (raw: see tangkas_2026_11_23t10_40_29_000000)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from gamification.storage.database import current_engine

ID = "2026-12-07T00:10:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "Only verified certificates hold their issuer-and-number key uniquely."


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)

    async def keys_held_by_verified_only():
        await current_engine().run_ddl("UPDATE certificate SET claim_key = duplicate_key WHERE claim_key IS NULL")
        await current_engine().run_ddl("UPDATE certificate SET duplicate_key = NULL WHERE status <> 'verified'")

    manager.add_raw(keys_held_by_verified_only)
    return manager
