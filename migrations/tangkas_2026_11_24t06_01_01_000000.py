"""Unique keys and lookups of rewards, initiatives and notifications (raw: see tangkas_2026_11_23t10_40_29_000000)."""

from gamification.storage.migration_indexes import index_migration

ID = "2026-11-24T06:01:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "rewards and initiatives indexes"

INDEXES = [
    "CREATE UNIQUE INDEX IF NOT EXISTS redemption_one_per_client_id ON redemption (person, client_id)",
    "CREATE INDEX IF NOT EXISTS redemption_reward_person ON redemption (reward, person, period_key)",
    "CREATE INDEX IF NOT EXISTS redemption_pending ON redemption (created_at) WHERE status = 'pending'",
    "CREATE UNIQUE INDEX IF NOT EXISTS initiative_member_one ON initiative_member (initiative, person)",
    "CREATE UNIQUE INDEX IF NOT EXISTS replication_one_per_unit ON replication (initiative, unit)",
    "CREATE INDEX IF NOT EXISTS notification_person_id ON notification (person, id)",
    "CREATE INDEX IF NOT EXISTS notification_unpushed ON notification (id) WHERE pushed_at IS NULL",
]


async def forwards():
    return index_migration(ID, DESCRIPTION, INDEXES)
