"""The IKM of an agency or a region reads a period of a region's answers (see gamification.satisfaction.ikm)."""

from gamification.storage.migration_indexes import index_migration

ID = "2026-12-07T02:31:17:000000"
VERSION = "1.38.0"
DESCRIPTION = "Survey answers by region and local day, for the IKM of a region or agency in a period."


async def forwards():
    return index_migration(
        ID,
        DESCRIPTION,
        ["CREATE INDEX survey_answer_region_day ON survey_answer (region, local_date)"],
    )
