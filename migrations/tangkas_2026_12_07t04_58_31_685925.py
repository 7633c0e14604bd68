"""The recalculation's queue of pending facts: one row per fact it still has to award."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import ForeignKey, Serial
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table


class Fact(Table, tablename="fact", schema=None):
    id = Serial(
        null=False,
        primary_key=True,
        unique=False,
        index=False,
        index_method=IndexMethod.btree,
        choices=None,
        db_column_name="id",
        secret=False,
    )


ID = "2026-12-07T04:58:31:685925"
VERSION = "1.38.0"
DESCRIPTION = "The pending fact queue of the recalculation (pending_fact)."


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)

    manager.add_table(
        class_name="PendingFact",
        tablename="pending_fact",
        schema=None,
        columns=None,
    )

    manager.add_column(
        table_class_name="PendingFact",
        tablename="pending_fact",
        column_name="fact",
        db_column_name="fact",
        column_class_name="ForeignKey",
        column_class=ForeignKey,
        params={
            "references": Fact,
            "on_delete": OnDelete.cascade,
            "on_update": OnUpdate.cascade,
            "target_column": None,
            "null": True,
            "primary_key": True,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    return manager
