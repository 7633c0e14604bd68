"""The ledger's insert without per-row checks that cost more than the insert itself (issue 20).

On PostgreSQL the foreign key ``xp_entry.fact → fact`` took a row lock (FOR KEY SHARE) on each fact an
entry was written for: 3.6 s of an award of 106,000 entries at 10 million facts, against 1.7 s for the
insert and its indexes, as each lock rewrites the fact's row on its page. It guarded only against a
fact deleted while its entries remain, which nothing does: facts are never deleted (a reversal voids
them), and a person's erasure takes their facts and entries together. ``tests/invariants.py`` holds
that every entry has its fact. SQLite keeps the clause (it cannot drop one without rebuilding the
table, and its check takes no lock). ``xp_entry_person`` is the prefix of ``xp_entry_person_id``.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from gamification.storage.database import current_engine

ID = "2026-12-07T11:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "xp_entry: no fact foreign key on PostgreSQL, no index on person alone"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)

    def postgres() -> bool:
        return current_engine().engine_type == "postgres"

    async def lighten():
        if postgres():
            await current_engine().run_ddl("ALTER TABLE xp_entry DROP CONSTRAINT IF EXISTS xp_entry_fact_fkey")
        await current_engine().run_ddl("DROP INDEX IF EXISTS xp_entry_person")

    async def restore():
        if postgres():
            await current_engine().run_ddl(
                "ALTER TABLE xp_entry ADD CONSTRAINT xp_entry_fact_fkey FOREIGN KEY (fact) REFERENCES fact (id)"
                " ON UPDATE CASCADE ON DELETE RESTRICT"
            )
        await current_engine().run_ddl("CREATE INDEX IF NOT EXISTS xp_entry_person ON xp_entry (person)")

    manager.add_raw(lighten)
    manager.add_raw_backwards(restore)
    return manager
