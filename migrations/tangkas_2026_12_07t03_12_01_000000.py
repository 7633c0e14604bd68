"""initiatives: one row per file of an initiative (see gamification.innovation.evidence)."""

from gamification.storage.migration_indexes import index_migration

ID = "2026-12-07T03:12:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "Initiative evidence: the same file of an initiative is one row; an initiative's files by id."


async def forwards():
    return index_migration(
        ID,
        DESCRIPTION,
        ["CREATE UNIQUE INDEX initiative_evidence_file ON initiative_evidence (initiative, key)"],
    )
