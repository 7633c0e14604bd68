"""One admission of an organisation per region, one activity per IRI per organisation (raw: see
tangkas_2026_11_23t10_40_29_000000)."""

from gamification.storage.migration_indexes import index_migration

ID = "2026-12-06T22:50:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "partner region and xapi activity keys"

INDEXES = [
    "CREATE UNIQUE INDEX IF NOT EXISTS partner_org_region_one_per_region ON partner_org_region (org, region)",
    "CREATE UNIQUE INDEX IF NOT EXISTS xapi_activity_one_per_iri ON xapi_activity (org, iri)",
]


async def forwards():
    return index_migration(ID, DESCRIPTION, INDEXES)
