"""Unique keys and the queue index of certificates (raw: see tangkas_2026_11_23t10_40_29_000000)."""

from gamification.storage.migration_indexes import index_migration

ID = "2026-12-06T22:51:08:000000"
VERSION = "1.38.0"
DESCRIPTION = "certificate indexes"

INDEXES = [
    "CREATE UNIQUE INDEX IF NOT EXISTS certificate_one_per_client_id ON certificate (person, client_id)",
    "CREATE INDEX IF NOT EXISTS certificate_status_id ON certificate (status, id)",
]


async def forwards():
    return index_migration(ID, DESCRIPTION, INDEXES)
