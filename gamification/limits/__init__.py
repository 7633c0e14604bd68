"""Abuse limits in one place: window counters (Redis or in-process), request budgets, open display streams."""

from gamification.storage.exports import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "MemoryStreamSlots": "stream_slots",
        "MemoryWindowCounter": "window_counter",
        "RateLimiter": "request_budgets",
        "RedisStreamSlots": "stream_slots",
        "RedisWindowCounter": "window_counter",
        "StreamSlots": "stream_slots",
    },
)
