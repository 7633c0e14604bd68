"""Indexes that Piccolo's auto-migrations cannot express portably, made by hand-written migrations.

SQLite cannot add a constraint to an existing table; a unique index does the same job on both
databases, and conflicts on it raise the same errors a constraint would.
"""

from __future__ import annotations

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from gamification.storage.database import current_engine


def index_migration(migration_id: str, description: str, statements: list[str]) -> MigrationManager:
    manager = MigrationManager(migration_id=migration_id, app_name="tangkas", description=description)

    async def create_indexes():
        for statement in statements:
            await current_engine().run_ddl(statement)

    async def drop_indexes():
        for statement in statements:
            name = statement.split(" ON ")[0].split()[-1]
            await current_engine().run_ddl(f"DROP INDEX IF EXISTS {name}")

    manager.add_raw(create_indexes)
    manager.add_raw_backwards(drop_indexes)
    return manager
