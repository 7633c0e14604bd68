"""Service points: the services a unit offers citizens, each with a public, renewable link (and its QR),
a code of the day that proves an answer was given at the counter, and the staff citizens may name."""

from gamification.storage.exports import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "ServicePoints": "points",
        "CitizenNaming": "staff",
    },
)
