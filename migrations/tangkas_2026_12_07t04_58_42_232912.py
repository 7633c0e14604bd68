"""Facts no longer carry a mark of being evaluated: the queue pending_fact says what is pending."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-07T04:58:42:232912"
VERSION = "1.38.0"
DESCRIPTION = "fact.evaluated_at goes: the queue pending_fact holds what is pending."


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tangkas", description=DESCRIPTION)

    manager.drop_column(
        table_class_name="Fact",
        tablename="fact",
        column_name="evaluated_at",
        db_column_name="evaluated_at",
        schema=None,
    )

    return manager
