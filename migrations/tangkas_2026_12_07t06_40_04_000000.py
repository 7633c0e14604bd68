"""credentials: at most one current (unretired) signing key per region."""

from gamification.storage.migration_indexes import index_migration

ID = "2026-12-07T06:40:04:000000"
VERSION = "1.38.0"
DESCRIPTION = "Issuer keys: one current key per region."


async def forwards():
    return index_migration(
        ID,
        DESCRIPTION,
        ["CREATE UNIQUE INDEX issuer_key_current ON issuer_key (region) WHERE retired_at IS NULL"],
    )
