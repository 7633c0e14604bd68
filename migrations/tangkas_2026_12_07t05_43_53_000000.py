"""The archive of closed period totals: its unique key and board index, the view over both tables,
and the trigger that sends a late period total (a period already archived) to the archive."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from gamification.storage.database import current_engine

ID = "2026-12-07T05:43:53:000000"
VERSION = "1.38.0"
DESCRIPTION = "archive of closed period totals: keys, view, late-total trigger"

COLUMNS = "person, period, period_start, region, unit, xp, reached_at, entries"
INDEXES = [
    "CREATE UNIQUE INDEX IF NOT EXISTS points_period_closed_one ON points_period_closed (person, period, period_start)",
    "CREATE INDEX IF NOT EXISTS points_period_closed_board ON points_period_closed (period, period_start, xp)",
]
VIEW = (
    f"CREATE VIEW points_period_every AS SELECT id, {COLUMNS} FROM points_period"
    f" UNION ALL SELECT id, {COLUMNS} FROM points_period_closed"
)
NEW_VALUES = ", ".join(f"NEW.{column.strip()}" for column in COLUMNS.split(","))
MERGED = (
    "ON CONFLICT (person, period, period_start) DO UPDATE SET xp = points_period_closed.xp + excluded.xp,"
    " entries = points_period_closed.entries + excluded.entries, region = excluded.region, unit = excluded.unit,"
    " reached_at = CASE WHEN points_period_closed.reached_at IS NULL OR excluded.reached_at > points_period_closed.reached_at"
    " THEN excluded.reached_at ELSE points_period_closed.reached_at END"
)
ARCHIVED_BEFORE = "(SELECT a.starts_before FROM points_period_archived a WHERE a.period = NEW.period)"
LATE = "FROM inserted n JOIN points_period_archived a ON a.period = n.period WHERE n.period_start < a.starts_before"
# Once per statement, over the rows it inserted (an update of a row already there needs no move).
POSTGRES_TRIGGER = [
    f"""CREATE OR REPLACE FUNCTION points_period_late() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO points_period_closed ({COLUMNS})
        SELECT {", ".join(f"n.{column.strip()}" for column in COLUMNS.split(","))} {LATE} {MERGED};
      DELETE FROM points_period p WHERE p.id IN (SELECT n.id {LATE});
      RETURN NULL;
    END $$""",
    "CREATE TRIGGER points_period_late AFTER INSERT ON points_period REFERENCING NEW TABLE AS inserted"
    " FOR EACH STATEMENT EXECUTE FUNCTION points_period_late()",
]
SQLITE_TRIGGER = [
    f"""CREATE TRIGGER points_period_late AFTER INSERT ON points_period
    WHEN NEW.period_start < {ARCHIVED_BEFORE}
    BEGIN
      INSERT INTO points_period_closed ({COLUMNS}) SELECT {NEW_VALUES} WHERE true
      {MERGED};
      DELETE FROM points_period WHERE id = NEW.id;
    END"""
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)

    async def create():
        engine = current_engine()
        for statement in [*INDEXES, VIEW]:
            await engine.run_ddl(statement)
        for statement in POSTGRES_TRIGGER if engine.engine_type == "postgres" else SQLITE_TRIGGER:
            await engine.run_ddl(statement)

    async def drop():
        engine = current_engine()
        on_table = " ON points_period" if engine.engine_type == "postgres" else ""
        await engine.run_ddl(f"DROP TRIGGER IF EXISTS points_period_late{on_table}")
        if engine.engine_type == "postgres":
            await engine.run_ddl("DROP FUNCTION IF EXISTS points_period_late()")
        await engine.run_ddl("DROP VIEW IF EXISTS points_period_every")
        for name in ("points_period_closed_one", "points_period_closed_board"):
            await engine.run_ddl(f"DROP INDEX IF EXISTS {name}")

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
