"""The audit log read per region, newest first (raw: see tangkas_2026_11_23t10_40_29_000000)."""

from gamification.storage.migration_indexes import index_migration

ID = "2026-11-24T07:50:34:000000"
VERSION = "1.38.0"
DESCRIPTION = "audit log index"

INDEXES = [
    "CREATE INDEX IF NOT EXISTS audit_event_region_id ON audit_event (region, id)",
]


async def forwards():
    return index_migration(ID, DESCRIPTION, INDEXES)
