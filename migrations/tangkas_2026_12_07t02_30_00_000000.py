"""Every existing region's calendar gets Indonesia's national holidays and cuti bersama (new regions get
them when created): gamification/organization/national_holidays.toml."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from gamification.organization.national_holidays import national_holidays
from gamification.storage.database import current_engine

ID = "2026-12-07T02:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "National holidays and cuti bersama in every region's calendar."


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)

    async def national_holidays_everywhere():
        # Plain SQL: the table classes describe the latest schema, not this migration's.
        engine = current_engine()
        for day, name in national_holidays():
            await engine.run_ddl(
                "INSERT INTO holiday (region, day, name) SELECT region.id, '{day}', '{name}' FROM region"
                " WHERE NOT EXISTS (SELECT 1 FROM holiday WHERE holiday.region = region.id AND holiday.day = '{day}')".format(
                    day=day.isoformat(), name=name.replace("'", "''")
                )
            )

    manager.add_raw(national_holidays_everywhere)
    return manager
