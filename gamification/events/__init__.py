"""Events (workshops, seminars, webinars, classroom diklat): organising, registration with a waiting
list, attendance by a rotating check-in code or the organiser's list, JP and XP once, and feedback."""

from gamification.storage.exports import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "EventOrganising": "organising",
        "EventRegistrations": "registrations",
        "EventCheckins": "checkins",
    },
)
