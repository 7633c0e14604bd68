"""``label_epoch``: one number the database raises whenever a name a board shows may have changed (a
person's name, hidden flag or unit; a unit's name), by triggers, whatever code made the change. A process
keeps the board labels it read under the epoch it saw (``gamification.boards.labels``)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from gamification.storage.database import current_engine

ID = "2026-12-07T06:15:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "label epoch raised by triggers"

POSTGRES = [
    "CREATE TABLE IF NOT EXISTS label_epoch (value BIGINT NOT NULL)",
    "INSERT INTO label_epoch (value) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM label_epoch)",
    """CREATE OR REPLACE FUNCTION raise_label_epoch() RETURNS trigger AS $$
BEGIN
  UPDATE label_epoch SET value = value + 1;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE TRIGGER person_label_changed AFTER UPDATE OF name, hide_name, unit ON person FOR EACH ROW
WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.hide_name IS DISTINCT FROM NEW.hide_name
      OR OLD.unit IS DISTINCT FROM NEW.unit)
EXECUTE FUNCTION raise_label_epoch()""",
    """CREATE OR REPLACE TRIGGER unit_label_changed AFTER UPDATE OF name ON unit FOR EACH ROW
WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION raise_label_epoch()""",
]
SQLITE = [
    "CREATE TABLE IF NOT EXISTS label_epoch (value INTEGER NOT NULL)",
    "INSERT INTO label_epoch (value) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM label_epoch)",
    """CREATE TRIGGER IF NOT EXISTS person_label_changed AFTER UPDATE OF name, hide_name, unit ON person
WHEN OLD.name IS NOT NEW.name OR OLD.hide_name IS NOT NEW.hide_name OR OLD.unit IS NOT NEW.unit
BEGIN UPDATE label_epoch SET value = value + 1; END""",
    """CREATE TRIGGER IF NOT EXISTS unit_label_changed AFTER UPDATE OF name ON unit
WHEN OLD.name IS NOT NEW.name
BEGIN UPDATE label_epoch SET value = value + 1; END""",
]
DROP = [
    "DROP TRIGGER IF EXISTS person_label_changed{on_person}",
    "DROP TRIGGER IF EXISTS unit_label_changed{on_unit}",
    "DROP TABLE IF EXISTS label_epoch",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)

    def postgres() -> bool:
        return current_engine().engine_type == "postgres"

    async def create():
        for statement in POSTGRES if postgres() else SQLITE:
            await current_engine().run_ddl(statement)

    async def drop():
        on_person, on_unit = (" ON person", " ON unit") if postgres() else ("", "")
        for statement in DROP:
            await current_engine().run_ddl(statement.format(on_person=on_person, on_unit=on_unit))
        if postgres():
            await current_engine().run_ddl("DROP FUNCTION IF EXISTS raise_label_epoch()")

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
