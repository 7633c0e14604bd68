"""xAPI intake: partners' activities, the statements they send, and what those credited."""

from gamification.storage.exports import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "XapiActivities": "activities",
        "XapiIntake": "intake",
        "XapiReports": "reports",
    },
)
