"""Run the Piccolo migrations in ``migrations/`` against the bound engine."""

from __future__ import annotations

import contextlib
import io
import os

import asyncpg
from piccolo.engine.postgres import PostgresEngine

from gamification.storage.database import current_engine, prepare_sqlite_file
from gamification.storage.defaults import ensure_defaults

os.environ.setdefault("PICCOLO_CONF", "gamification.storage.piccolo_conf")


class MigrationFailed(RuntimeError):
    pass


# Any fixed number: every process that migrates takes this PostgreSQL advisory lock first.
MIGRATION_LOCK_KEY = 0x74616E676B6173


async def migrate(quiet: bool = True) -> None:
    """Apply pending migrations; several processes starting together apply each one once."""
    from piccolo.apps.migrations.commands.forwards import run_forwards

    engine = current_engine()
    prepare_sqlite_file(engine)
    async with _exclusive(engine):
        output = io.StringIO()
        with contextlib.redirect_stdout(output) if quiet else contextlib.nullcontext():
            result = await run_forwards(app_name="tangkas")
        if not result.success:
            raise MigrationFailed(f"{result.message}\n{output.getvalue()}")
        await ensure_defaults()


@contextlib.asynccontextmanager
async def _exclusive(engine):
    if not isinstance(engine, PostgresEngine):
        yield  # SQLite is the single-process embedded mode
        return
    connection = await asyncpg.connect(**engine.config)
    try:
        await connection.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK_KEY)
        yield
    finally:
        await connection.close()  # closing the session releases the lock
