"""Push notifications: each person's devices, their choices (push on/off, muted kinds), and each
notification's push state (tries, next try, outcome, devices done with)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import JSON, Boolean, ForeignKey, Integer, Serial, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table


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


ID = "2026-12-07T03:11:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Push notifications: devices, preferences, and each notification's push state"


def _params(**given) -> dict:
    return {
        "null": False,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
    } | given


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)

    manager.add_table(class_name="PushDevice", tablename="push_device", schema=None, columns=None)
    device_columns = [
        (
            "person",
            "ForeignKey",
            ForeignKey,
            _params(
                references=Person,
                on_delete=OnDelete.cascade,
                on_update=OnUpdate.cascade,
                target_column=None,
                null=True,
                index=True,
            ),
        ),
        ("token", "Varchar", Varchar, _params(length=1024, default="", unique=True)),
        ("platform", "Varchar", Varchar, _params(length=10, default="")),
        ("created_at", "Timestamptz", Timestamptz, _params(default=TimestamptzNow())),
        ("updated_at", "Timestamptz", Timestamptz, _params(default=TimestamptzNow())),
    ]
    for name, class_name, column_class, params in device_columns:
        manager.add_column(
            table_class_name="PushDevice",
            tablename="push_device",
            column_name=name,
            db_column_name=name,
            column_class_name=class_name,
            column_class=column_class,
            params=params,
            schema=None,
        )

    person_columns = [
        ("push_enabled", "Boolean", Boolean, _params(default=True)),
        ("push_muted_kinds", "Varchar", Varchar, _params(length=1000, default="")),
    ]
    for name, class_name, column_class, params in person_columns:
        manager.add_column(
            table_class_name="Person",
            tablename="person",
            column_name=name,
            db_column_name=name,
            column_class_name=class_name,
            column_class=column_class,
            params=params,
            schema=None,
        )

    notification_columns = [
        ("push_attempts", "Integer", Integer, _params(default=0)),
        ("push_next_at", "Timestamptz", Timestamptz, _params(default=None, null=True)),
        ("push_result", "Varchar", Varchar, _params(length=16, default=None, null=True)),
        ("push_devices", "JSON", JSON, _params(default="{}")),
    ]
    for name, class_name, column_class, params in notification_columns:
        manager.add_column(
            table_class_name="Notification",
            tablename="notification",
            column_name=name,
            db_column_name=name,
            column_class_name=class_name,
            column_class=column_class,
            params=params,
            schema=None,
        )
    return manager
