"""A voided fact's reversal is a second entry under the same rule version: the ledger's unique key
gains ``reversal`` (raw: see tangkas_2026_11_23t10_40_29_000000)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from gamification.storage.database import current_engine

ID = "2026-12-06T22:36:30:000000"
VERSION = "1.38.0"
DESCRIPTION = "ledger key with reversal"

OLD = "CREATE UNIQUE INDEX IF NOT EXISTS xp_entry_one_per_fact_rule ON xp_entry (fact, rule)"
NEW = "CREATE UNIQUE INDEX IF NOT EXISTS xp_entry_one_per_fact_rule_reversal ON xp_entry (fact, rule, reversal)"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)

    async def widen():
        await current_engine().run_ddl(NEW)
        await current_engine().run_ddl("DROP INDEX IF EXISTS xp_entry_one_per_fact_rule")

    async def narrow():
        await current_engine().run_ddl(OLD)
        await current_engine().run_ddl("DROP INDEX IF EXISTS xp_entry_one_per_fact_rule_reversal")

    manager.add_raw(widen)
    manager.add_raw_backwards(narrow)
    return manager
