"""Case-insensitive "contains" for list filters, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from piccolo.engine.sqlite import SQLiteEngine

from gamification.storage.database import current_engine


def literal_pattern(text: str) -> str:
    """A LIKE pattern that finds ``text`` anywhere; its own wildcards are dropped, not interpreted."""
    return "%" + text.strip().replace("%", "").replace("_", "") + "%"


def ilike(column, pattern: str):
    """SQLite's LIKE already ignores ASCII case, and has no ILIKE."""
    return column.like(pattern) if isinstance(current_engine(), SQLiteEngine) else column.ilike(pattern)


def contains(column, text: str):
    return ilike(column, literal_pattern(text))
