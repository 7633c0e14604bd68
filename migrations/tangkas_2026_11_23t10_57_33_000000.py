"""Unique keys and partial indexes of the points engine (see tangkas_2026_11_23t10_40_29_000000 for why raw)."""

from gamification.storage.migration_indexes import index_migration

ID = "2026-11-23T10:57:33:000000"
VERSION = "1.38.0"
DESCRIPTION = "points engine indexes"

INDEXES = [
    "CREATE UNIQUE INDEX IF NOT EXISTS xp_entry_one_per_fact_rule ON xp_entry (fact, rule)",
    "CREATE INDEX IF NOT EXISTS xp_entry_person_id ON xp_entry (person, id)",
    "CREATE INDEX IF NOT EXISTS fact_pending ON fact (id) WHERE evaluated_at IS NULL",
    "CREATE INDEX IF NOT EXISTS fact_kind_date ON fact (kind, local_date)",
    "CREATE UNIQUE INDEX IF NOT EXISTS points_period_one ON points_period (person, period, period_start)",
    "CREATE INDEX IF NOT EXISTS points_period_board ON points_period (period, period_start, region, xp)",
    "CREATE INDEX IF NOT EXISTS points_total_board ON points_total (region, xp)",
    "CREATE UNIQUE INDEX IF NOT EXISTS holiday_one ON holiday (region, day)",
    "CREATE UNIQUE INDEX IF NOT EXISTS person_badge_one ON person_badge (person, badge, period_key)",
    "CREATE UNIQUE INDEX IF NOT EXISTS job_run_one ON job_run (job, scheduled_for)",
    "CREATE INDEX IF NOT EXISTS completion_person_date ON completion (person, local_date)",
]


async def forwards():
    return index_migration(ID, DESCRIPTION, INDEXES)
