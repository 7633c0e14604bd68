"""The push sender chosen by settings: the log (default) or Firebase Cloud Messaging."""

from __future__ import annotations

from gamification.notifications.senders import LogSender, PushSender
from gamification.storage.settings import Settings


def build_push_sender(settings: Settings) -> PushSender:
    if settings.push_sender != "fcm":
        return LogSender()
    from gamification.notifications.fcm import FcmSender, ServiceAccountTokens

    return FcmSender(settings.fcm_project, ServiceAccountTokens(settings.fcm_credentials), settings.fcm_url)
