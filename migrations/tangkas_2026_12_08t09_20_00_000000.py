"""The totals' inserts without the region and unit lookups nothing needs (issue 20), as the ledger's went
(migration 2026-12-07T11:50): on PostgreSQL each foreign key checks every new row with a locking read of the
region or unit it names. A first award's batch of 1,000 people inserts ~92,000 period totals: 1.0 s of its
2.7 s went to those two checks (``auto_explain`` with triggers, national bench data). Regions and units are
never deleted, so the checks guarded against nothing the application does; ``tests/invariants.py`` holds that
every total's region and unit exist. The person's key stays: it carries the cascade of a person's erasure.
SQLite keeps the clauses.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from gamification.storage.database import current_engine

ID = "2026-12-08T09:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "points_total, points_period and its archive: no region or unit foreign keys on PostgreSQL"

TABLES = ("points_total", "points_period", "points_period_closed")
KEYS = {"region": "region", "unit": "unit"}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)

    def postgres() -> bool:
        return current_engine().engine_type == "postgres"

    async def lighten():
        if postgres():
            for table in TABLES:
                for column in KEYS:
                    await current_engine().run_ddl(
                        f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {table}_{column}_fkey"
                    )

    async def restore():
        if postgres():
            for table in TABLES:
                for column, target in KEYS.items():
                    await current_engine().run_ddl(
                        f"ALTER TABLE {table} ADD CONSTRAINT {table}_{column}_fkey FOREIGN KEY ({column})"
                        f" REFERENCES {target} (id) ON UPDATE CASCADE ON DELETE RESTRICT"
                    )

    manager.add_raw(lighten)
    manager.add_raw_backwards(restore)
    return manager
