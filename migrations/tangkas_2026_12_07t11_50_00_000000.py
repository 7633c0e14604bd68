"""The ledger's insert without its remaining lookups that nothing needs (issue 20), after the fact's (migration
2026-12-07T11:20): on PostgreSQL each foreign key checks every new entry with a locking read of the row it
names, about 5 µs an entry each, 1.5 s of a first award's batch of 100,000 entries for the rule, the region
and the unit. Rules, regions and units are never deleted (a rule gets a new version, a unit is moved or
renamed), so the checks guarded against nothing the application does; ``tests/invariants.py`` holds that
every entry's rule, region and unit exist. The person's key stays: it carries the cascade of a person's
erasure. SQLite keeps the clauses, as before.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from gamification.storage.database import current_engine

ID = "2026-12-07T11:50:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "xp_entry: no rule, region or unit foreign keys on PostgreSQL"

KEYS = {"rule": "point_rule", "region": "region", "unit": "unit"}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)

    def postgres() -> bool:
        return current_engine().engine_type == "postgres"

    async def lighten():
        if postgres():
            for column in KEYS:
                await current_engine().run_ddl(f"ALTER TABLE xp_entry DROP CONSTRAINT IF EXISTS xp_entry_{column}_fkey")

    async def restore():
        if postgres():
            for column, table in KEYS.items():
                await current_engine().run_ddl(
                    f"ALTER TABLE xp_entry ADD CONSTRAINT xp_entry_{column}_fkey FOREIGN KEY ({column})"
                    f" REFERENCES {table} (id) ON UPDATE CASCADE ON DELETE RESTRICT"
                )

    manager.add_raw(lighten)
    manager.add_raw_backwards(restore)
    return manager
