from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

Count = Annotated[int, msgspec.Meta(ge=-(2**31), le=2**31 - 1)]
Comment = Annotated[str, msgspec.Meta(max_length=1000)]


class RewardIn(msgspec.Struct, forbid_unknown_fields=True):
    name: Annotated[str, msgspec.Meta(max_length=400)]
    kind: Annotated[str, msgspec.Meta(max_length=30)]
    cost: Count
    description: Annotated[str, msgspec.Meta(max_length=2000)] = ""
    stock: Count | None = None
    per_person_limit: Count | None = None
    period: Annotated[str, msgspec.Meta(max_length=10)] = "all"
    active_from: dt.datetime | None = None
    active_until: dt.datetime | None = None
    region_id: Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)] | None = None


class RedemptionIn(msgspec.Struct, forbid_unknown_fields=True):
    client_id: Annotated[str, msgspec.Meta(max_length=64)]


class DecisionIn(msgspec.Struct, forbid_unknown_fields=True):
    decision: Annotated[str, msgspec.Meta(max_length=20)]
    comment: Comment = ""


class MarkReadIn(msgspec.Struct, forbid_unknown_fields=True):
    ids: list[Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)]] | None = None  # None: all


class RewardUpdate(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """Only the fields sent change (the kind never does); ``null`` clears ``stock``, the limit or a date."""

    name: Annotated[str, msgspec.Meta(max_length=400)] | msgspec.UnsetType = msgspec.UNSET
    description: Annotated[str, msgspec.Meta(max_length=2000)] | msgspec.UnsetType = msgspec.UNSET
    cost: Count | msgspec.UnsetType = msgspec.UNSET
    stock: Count | None | msgspec.UnsetType = msgspec.UNSET
    per_person_limit: Count | None | msgspec.UnsetType = msgspec.UNSET
    period: Annotated[str, msgspec.Meta(max_length=10)] | msgspec.UnsetType = msgspec.UNSET
    active_from: dt.datetime | None | msgspec.UnsetType = msgspec.UNSET
    active_until: dt.datetime | None | msgspec.UnsetType = msgspec.UNSET

    def changes(self) -> dict:
        return {f: getattr(self, f) for f in self.__struct_fields__ if getattr(self, f) is not msgspec.UNSET}
