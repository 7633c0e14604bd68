"""Credentials for verified certificates and event completions (issue 21)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import ForeignKey, Serial
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-07T07:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Issued credentials: the certificate or event registration a credential was issued for."


class Certificate(Table, tablename="certificate", schema=None):
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


class EventRegistration(Table, tablename="event_registration", schema=None):
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


def _source(manager: MigrationManager, column: str, references: type[Table]) -> None:
    manager.add_column(
        table_class_name="IssuedCredential",
        tablename="issued_credential",
        column_name=column,
        db_column_name=column,
        column_class_name="ForeignKey",
        column_class=ForeignKey,
        params={
            "references": references,
            "on_delete": OnDelete.set_null,
            "on_update": OnUpdate.cascade,
            "target_column": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": True,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)
    _source(manager, "certificate", Certificate)
    _source(manager, "event_registration", EventRegistration)
    return manager
