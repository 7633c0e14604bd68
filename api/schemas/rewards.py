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
