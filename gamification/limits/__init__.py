"""Abuse limits in one place: window counters (Redis or in-process), request budgets, open display streams.

The feature's services, in one import (``from gamification.limits import ...``); each is loaded when
first asked for, so that features which use one another's modules never meet half-imported.
"""

from __future__ import annotations

import importlib

_WHERE = {
    "MemoryStreamSlots": "gamification.limits.stream_slots",
    "MemoryWindowCounter": "gamification.limits.window_counter",
    "RateLimiter": "gamification.limits.request_budgets",
    "RedisStreamSlots": "gamification.limits.stream_slots",
    "RedisWindowCounter": "gamification.limits.window_counter",
    "StreamSlots": "gamification.limits.stream_slots",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)
