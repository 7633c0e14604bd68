"""credentials: one unrevoked credential per thing and signing key, so that a retried or racing issue
returns the first instead of drawing a second status list entry."""

from gamification.storage.migration_indexes import index_migration

ID = "2026-12-07T07:20:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "Issued credentials: one unrevoked credential per badge award, certificate or event completion and key."


async def forwards():
    return index_migration(
        ID,
        DESCRIPTION,
        [
            f"CREATE UNIQUE INDEX issued_credential_current_{column} ON issued_credential ({column}, kid)"
            " WHERE revoked_at IS NULL"
            for column in ("person_badge", "certificate", "event_registration")
        ],
    )
