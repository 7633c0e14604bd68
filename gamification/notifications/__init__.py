"""Each person's inbox of decisions, badges and level-ups, and its push to their phones."""

from gamification.storage.exports import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "Notifications": "inbox",
        "PushDevices": "devices",  # push notifications
        "PushOutbox": "outbox",
        "build_push_sender": "push_sender",
    },
)
