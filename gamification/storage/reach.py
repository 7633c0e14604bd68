"""The rows a decider oversees, as a query condition: one rule for inboxes, team views and lists."""

from __future__ import annotations

from domain.access import Actor
from domain.roles import Role


def decider_reach(actor: Actor, region_column, path_column):
    """Every region for a superadmin, their region for an admin, their units (a path prefix) for a
    manager; None for anyone who decides nothing."""
    if actor.is_superadmin:
        return region_column.is_not_null()
    if actor.is_admin and actor.region_id is not None:
        return region_column == actor.region_id
    if actor.unit_path and Role.MANAGER in actor.roles:
        return path_column.like(f"{actor.unit_path}%")
    return None
