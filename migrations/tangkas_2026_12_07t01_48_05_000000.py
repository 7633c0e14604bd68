"""Unique keys of the citizens' voice (see gamification.storage.migration_indexes)."""

from gamification.storage.migration_indexes import index_migration

ID = "2026-12-07T01:48:05:000000"
VERSION = "1.38.0"
DESCRIPTION = "One survey answer per device, service and day; one complaint per client id; unit badges once."


async def forwards():
    return index_migration(
        ID,
        DESCRIPTION,
        [
            "CREATE UNIQUE INDEX survey_answer_device_day ON survey_answer (service_point, device_key, local_date)",
            "CREATE UNIQUE INDEX complaint_client_id ON complaint (service_point, client_id)",
            "CREATE UNIQUE INDEX unit_badge_once ON unit_badge (unit, badge, period_key)",
            "CREATE INDEX survey_answer_unit_day ON survey_answer (unit, local_date)",
            # a praise's slot in its person's month ("2026-12#3"): the monthly cap holds under races
            "CREATE UNIQUE INDEX fact_praise_slot ON fact (person, level) WHERE kind = 'citizen_praise'",
        ],
    )
