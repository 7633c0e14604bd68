from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Boolean, Timestamptz
from piccolo.columns.indexes import IndexMethod

from gamification.storage.database import current_engine

ID = "2026-12-06T22:36:29:419767"
VERSION = "1.38.0"
DESCRIPTION = "facts and JP credits taken back at their source; events earn their own XP"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)

    manager.add_column(
        table_class_name="Fact",
        tablename="fact",
        column_name="voided_at",
        db_column_name="voided_at",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )
    manager.add_column(
        table_class_name="XpEntry",
        tablename="xp_entry",
        column_name="reversal",
        db_column_name="reversal",
        column_class_name="Boolean",
        column_class=Boolean,
        params={
            "default": False,
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )
    manager.add_column(
        table_class_name="JpCredit",
        tablename="jp_credit",
        column_name="reversal",
        db_column_name="reversal",
        column_class_name="Boolean",
        column_class=Boolean,
        params={
            "default": False,
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )
    # (The auto-migration also proposes widening points_period.period to 8: done by hand in
    # tangkas_2026_11_24t05_12_13_000000.)

    async def events_earn_their_own_xp():
        # The national default for workshops was a fixed 40 XP while no event could record the fact;
        # an event now carries its XP. A version an admin wrote stays as it is.
        await current_engine().run_ddl(
            "UPDATE point_rule SET formula = 'fact_xp', params = '{\"multiplier_percent\": 100}'"
            " WHERE code = 'workshop_attended' AND region IS NULL AND formula = 'fixed'"
            " AND created_by IS NULL AND effective_from = '2000-01-01'"
        )

    manager.add_raw(events_earn_their_own_xp)
    return manager
