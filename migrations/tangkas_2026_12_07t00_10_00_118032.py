"""A certificate's issuer-and-number key on every record (``claim_key``, compared); the data moves in
tangkas_2026_12_07t00_10_01_000000."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T00:10:00:118032"
VERSION = "1.38.0"
DESCRIPTION = "Every certificate carries its issuer-and-number key in claim_key, compared."


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)

    manager.add_column(
        table_class_name="Certificate",
        tablename="certificate",
        column_name="claim_key",
        db_column_name="claim_key",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 400,
            "default": None,
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

    return manager
