"""Piccolo returns a JSON column as text on SQLite and sometimes on PostgreSQL; read it as a value."""

from __future__ import annotations

import json


def loaded(value):
    return json.loads(value) if isinstance(value, str | bytes) else value
