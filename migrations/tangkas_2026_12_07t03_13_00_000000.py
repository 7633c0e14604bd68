"""Rewards retired by their admin, and approved redemptions marked as handed out (issue 19)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import ForeignKey, Serial, Timestamptz
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-07T03:13:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "A reward's retirement time; who handed out an approved redemption, and when."


class Person(Table, tablename="person", schema=None):
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


def _nullable_time(manager: MigrationManager, table_class_name: str, tablename: str, column: str) -> None:
    manager.add_column(
        table_class_name=table_class_name,
        tablename=tablename,
        column_name=column,
        db_column_name=column,
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


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)
    _nullable_time(manager, "Reward", "reward", "retired_at")
    _nullable_time(manager, "Redemption", "redemption", "handed_out_at")
    manager.add_column(
        table_class_name="Redemption",
        tablename="redemption",
        column_name="handed_out_by",
        db_column_name="handed_out_by",
        column_class_name="ForeignKey",
        column_class=ForeignKey,
        params={
            "references": Person,
            "on_delete": OnDelete.set_null,
            "on_update": OnUpdate.cascade,
            "target_column": None,
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
    return manager
