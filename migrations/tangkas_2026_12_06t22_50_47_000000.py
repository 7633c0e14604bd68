"""An event registers a person once, attends a session once, hears their feedback once; a resent
check-in finds its first answer by its client_id (raw: see tangkas_2026_11_23t10_40_29_000000)."""

from gamification.storage.migration_indexes import index_migration

ID = "2026-12-06T22:50:47:000000"
VERSION = "1.38.0"
DESCRIPTION = "event unique keys"

INDEXES = [
    "CREATE UNIQUE INDEX IF NOT EXISTS event_registration_one_per_person ON event_registration (event, person)",
    "CREATE UNIQUE INDEX IF NOT EXISTS event_attendance_one_per_session ON event_attendance (session, person)",
    "CREATE UNIQUE INDEX IF NOT EXISTS event_attendance_one_per_client_id ON event_attendance (person, client_id)",
    "CREATE UNIQUE INDEX IF NOT EXISTS event_feedback_one_per_person ON event_feedback (event, person)",
]


async def forwards():
    return index_migration(ID, DESCRIPTION, INDEXES)
