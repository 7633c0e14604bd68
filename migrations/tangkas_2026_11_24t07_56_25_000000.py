"""A resent initiative create finds its first draft (raw: see tangkas_2026_11_23t10_40_29_000000)."""

from gamification.storage.migration_indexes import index_migration

ID = "2026-11-24T07:56:25:000000"
VERSION = "1.38.0"
DESCRIPTION = "initiative client_id index"

INDEXES = [
    "CREATE UNIQUE INDEX IF NOT EXISTS initiative_one_per_client_id ON initiative (created_by, client_id)",
]


async def forwards():
    return index_migration(ID, DESCRIPTION, INDEXES)
