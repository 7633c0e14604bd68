"""Unique keys over several columns of the learning tables, as unique indexes (see gamification/storage/migration_indexes.py).

SQLite cannot add a constraint to an existing table; a unique index does the same job on both
databases, and conflicts on it raise the same errors as a constraint would.
"""

from gamification.storage.migration_indexes import index_migration

ID = "2026-11-23T10:40:29:000000"
VERSION = "1.38.0"
DESCRIPTION = "learning indexes"

INDEXES = [
    "CREATE UNIQUE INDEX IF NOT EXISTS partner_admission_one ON partner_admission (region, partner)",
    "CREATE UNIQUE INDEX IF NOT EXISTS module_version_one ON module_version (module, version)",
    "CREATE UNIQUE INDEX IF NOT EXISTS attempt_one_per_client_id ON attempt (person, client_id)",
    "CREATE INDEX IF NOT EXISTS attempt_person_module ON attempt (person, module)",
    "CREATE UNIQUE INDEX IF NOT EXISTS completion_one_per_module ON completion (person, module)",
    "CREATE INDEX IF NOT EXISTS completion_recorded ON completion (recorded_at)",
    "CREATE UNIQUE INDEX IF NOT EXISTS jp_credit_one_per_source ON jp_credit (person, source_kind, source_id)",
    "CREATE INDEX IF NOT EXISTS jp_credit_person_year ON jp_credit (person, year)",
]


async def forwards():
    return index_migration(ID, DESCRIPTION, INDEXES)
