"""Piccolo's configuration module (``PICCOLO_CONF=gamification.piccolo_conf``).

Piccolo's migration runner and CLI look the engine up here. Processes rebind ``DB`` through
``gamification.database.bind_engine`` so that the database is chosen at run time, not import.
"""

import os

from piccolo.conf.apps import AppRegistry

from gamification.config import Settings
from gamification.database import create_engine

DB = create_engine(Settings(database_url=os.environ.get("TANGKAS_DATABASE_URL") or Settings.database_url))
APP_REGISTRY = AppRegistry(apps=["gamification.piccolo_app"])
