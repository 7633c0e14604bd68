"""credentials: a credential's bit in its region's status list is its own."""

from gamification.storage.migration_indexes import index_migration

ID = "2026-12-07T06:40:06:000000"
VERSION = "1.38.0"
DESCRIPTION = "Issued credentials: one status list index per region."


async def forwards():
    return index_migration(
        ID,
        DESCRIPTION,
        ["CREATE UNIQUE INDEX issued_credential_status_index ON issued_credential (region, status_index)"],
    )
