"""The citizens' survey (SKM, PermenPANRB 14/2017): the public form of a service point and its answers (one
per device, service and day), moderation of comments, credit for praise, and the erasure of citizens' contacts."""

from gamification.storage.exports import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "SurveyIntake": "intake",
        "DeviceCookies": "devices",
        "CommentModeration": "moderation",
    },
)
