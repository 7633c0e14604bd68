"""A voided fact's reversal is a second entry under the same rule version, a withdrawn JP credit a
second row for the same source: both ledgers' unique keys gain ``reversal`` (raw: see
tangkas_2026_11_23t10_40_29_000000)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from gamification.storage.database import current_engine

ID = "2026-12-06T22:36:30:000000"
VERSION = "1.38.0"
DESCRIPTION = "ledger keys with reversal"

# (name of the key it replaces, the key as it was, the key with reversal)
KEYS = [
    (
        "xp_entry_one_per_fact_rule",
        "CREATE UNIQUE INDEX IF NOT EXISTS xp_entry_one_per_fact_rule ON xp_entry (fact, rule)",
        "CREATE UNIQUE INDEX IF NOT EXISTS xp_entry_one_per_fact_rule_reversal ON xp_entry (fact, rule, reversal)",
    ),
    (
        "jp_credit_one_per_source",
        "CREATE UNIQUE INDEX IF NOT EXISTS jp_credit_one_per_source ON jp_credit (person, source_kind, source_id)",
        "CREATE UNIQUE INDEX IF NOT EXISTS jp_credit_one_per_source_reversal"
        " ON jp_credit (person, source_kind, source_id, reversal)",
    ),
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)

    async def widen():
        for old_name, _, new in KEYS:
            await current_engine().run_ddl(new)
            await current_engine().run_ddl(f"DROP INDEX IF EXISTS {old_name}")

    async def narrow():
        for old_name, old, _ in KEYS:
            await current_engine().run_ddl(old)
            await current_engine().run_ddl(f"DROP INDEX IF EXISTS {old_name}_reversal")

    manager.add_raw(widen)
    manager.add_raw_backwards(narrow)
    return manager
