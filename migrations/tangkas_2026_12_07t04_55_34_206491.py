"""A version on each region, raised with every change of its point rules or levels (issue 20)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Integer
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T04:55:34:206491"
VERSION = "1.38.0"
DESCRIPTION = "The version of the point rules and levels that govern a region, for per-process caches."


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)
    manager.add_column(
        table_class_name="Region",
        tablename="region",
        column_name="rules_version",
        db_column_name="rules_version",
        column_class_name="Integer",
        column_class=Integer,
        params={
            "default": 0,
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
    return manager
