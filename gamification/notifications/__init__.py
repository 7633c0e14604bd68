"""Each person's inbox of decisions, badges and level-ups."""

from gamification.storage.exports import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "Notifications": "inbox",
    },
)
