"""Moderation of citizens' comments: the decider's reason beside who decided and when."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T02:31:18:000000"
VERSION = "1.38.0"
DESCRIPTION = "A survey answer keeps the reason its comment was released or hidden."


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)

    manager.add_column(
        table_class_name="SurveyAnswer",
        tablename="survey_answer",
        column_name="moderation_reason",
        db_column_name="moderation_reason",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 300,
            "default": "",
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
