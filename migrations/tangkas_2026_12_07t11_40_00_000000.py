"""Credentials revoked by the issuing region's admin keep the reason in the admin's words (issue 21)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Text
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T11:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Issued credentials: the admin's reason for a revocation."


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)
    manager.add_column(
        table_class_name="IssuedCredential",
        tablename="issued_credential",
        column_name="revoked_note",
        db_column_name="revoked_note",
        column_class_name="Text",
        column_class=Text,
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
    return manager
