"""Piccolo's configuration module (``PICCOLO_CONF=gamification.storage.piccolo_conf``).

Piccolo's migration runner and CLI look the engine up here. Processes rebind ``DB`` through
``gamification.storage.database.bind_engine`` so that the database is chosen at run time, not import.
"""

import os

from piccolo.conf.apps import AppRegistry

from gamification.storage.database import create_engine
from gamification.storage.settings import Settings

DB = create_engine(Settings(database_url=os.environ.get("TANGKAS_DATABASE_URL") or Settings.database_url))
APP_REGISTRY = AppRegistry(apps=["gamification.storage.piccolo_app"])
