"""The citizens' survey (SKM, PermenPANRB 14/2017): the public form of a service point and its answers,
one per device, service and day."""

from gamification.storage.exports import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "SurveyIntake": "intake",
        "DeviceCookies": "devices",
    },
)
