"""A person's facts of one kind found by the index alone (issue 20): the badges within reach of an attempt count
the person's verified initiatives, and with ``fact (person)`` that read every fact of theirs from the table
(~100 a year, on as many pages: 2-3 ms of an attempt's ~9 ms of SQL at 10 million facts). ``(person, kind)``
serves every lookup by person as the old index did."""

from gamification.storage.database import current_engine
from gamification.storage.migration_indexes import index_migration

ID = "2026-12-07T12:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "fact: index (person, kind) in place of (person)"


async def forwards():
    manager = index_migration(ID, DESCRIPTION, ["CREATE INDEX IF NOT EXISTS fact_person_kind ON fact (person, kind)"])

    async def drop_person_index():
        await current_engine().run_ddl("DROP INDEX IF EXISTS fact_person")

    async def restore_person_index():
        await current_engine().run_ddl("CREATE INDEX IF NOT EXISTS fact_person ON fact (person)")

    manager.add_raw(drop_person_index)
    manager.add_raw_backwards(restore_person_index)
    return manager
