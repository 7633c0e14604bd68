"""Requests of the signed-in person about themselves: settings (``PATCH /me``) and push devices."""

from __future__ import annotations

from typing import Annotated

import msgspec

from domain.push import MAX_MUTED_KINDS, MAX_TOKEN, Platform

Kind = Annotated[str, msgspec.Meta(max_length=40)]


class MeChanges(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """Only the fields sent are changed."""

    hide_name: bool | msgspec.UnsetType = msgspec.UNSET  # "ASN" with the unit on boards and office displays
    push_enabled: bool | msgspec.UnsetType = msgspec.UNSET  # no push at all when false; the inbox stays
    # notification kinds (e.g. "badge", "level_up") that stay in the inbox without a push
    push_muted_kinds: Annotated[list[Kind], msgspec.Meta(max_length=MAX_MUTED_KINDS)] | msgspec.UnsetType = (
        msgspec.UNSET
    )

    def changes(self) -> dict:
        return {f: getattr(self, f) for f in self.__struct_fields__ if getattr(self, f) is not msgspec.UNSET}


class DeviceIn(msgspec.Struct, forbid_unknown_fields=True):
    token: Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_TOKEN)]  # the FCM registration token
    platform: Platform
