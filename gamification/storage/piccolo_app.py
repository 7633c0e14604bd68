"""The Piccolo app: our tables and the top-level ``migrations/`` folder."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

import migrations
from gamification.storage.tables import ALL_TABLES

APP_CONFIG = AppConfig(
    app_name="tangkas",
    migrations_folder_path=str(Path(migrations.__file__).parent),
    table_classes=ALL_TABLES,
    migration_dependencies=[],
    commands=[],
)
