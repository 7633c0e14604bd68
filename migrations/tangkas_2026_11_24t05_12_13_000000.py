"""Unique keys and board indexes of leaderboards and displays (raw: see tangkas_2026_11_23t10_40_29_000000);
wider period codes, and the national calendar of entries written before it existed.

Raw steps run before a migration's column changes, so this follows the one that adds the columns.
"""

from piccolo.engine.postgres import PostgresEngine

from gamification.points.national_periods import backfill_national_periods
from gamification.storage.database import current_engine
from gamification.storage.migration_indexes import index_migration

ID = "2026-11-24T05:12:13:000000"
VERSION = "1.38.0"
DESCRIPTION = "leaderboard indexes"

INDEXES = [
    "CREATE UNIQUE INDEX IF NOT EXISTS period_close_one ON period_close (timezone, period, period_start)",
    "CREATE UNIQUE INDEX IF NOT EXISTS board_snapshot_one ON board_snapshot (scope, scope_id, period, period_start, person)",
    "CREATE INDEX IF NOT EXISTS points_total_xp ON points_total (xp)",
    "CREATE INDEX IF NOT EXISTS points_period_national ON points_period (period, period_start, xp)",
    "CREATE INDEX IF NOT EXISTS fact_region_recorded ON fact (region, recorded_at)",
]


async def widen_period_and_date_national_entries():
    engine = current_engine()
    if isinstance(engine, PostgresEngine):  # SQLite does not enforce a varchar length
        await engine.run_ddl("ALTER TABLE points_period ALTER COLUMN period TYPE VARCHAR(8)")
    await backfill_national_periods()


async def forwards():
    manager = index_migration(ID, DESCRIPTION, INDEXES)
    manager.add_raw(widen_period_and_date_national_entries)
    return manager
