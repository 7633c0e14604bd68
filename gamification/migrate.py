"""Run the Piccolo migrations in ``migrations/`` against the bound engine."""

from __future__ import annotations

import contextlib
import io
import os

from gamification.database import current_engine, prepare_sqlite_file

os.environ.setdefault("PICCOLO_CONF", "gamification.piccolo_conf")


class MigrationFailed(RuntimeError):
    pass


async def migrate(quiet: bool = True) -> None:
    from piccolo.apps.migrations.commands.forwards import run_forwards

    prepare_sqlite_file(current_engine())
    output = io.StringIO()
    with contextlib.redirect_stdout(output) if quiet else contextlib.nullcontext():
        result = await run_forwards(app_name="tangkas")
    if not result.success:
        raise MigrationFailed(f"{result.message}\n{output.getvalue()}")
