from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

from api.schemas.organization import Id

Code = Annotated[str, msgspec.Meta(max_length=40)]


class RuleChangeIn(msgspec.Struct, forbid_unknown_fields=True):
    code: Code
    formula: Code
    params: Annotated[dict[Annotated[str, msgspec.Meta(max_length=20)], int], msgspec.Meta(max_length=20)]
    effective_from: dt.date
    region_id: Id | None = None


class LevelIn(msgspec.Struct, forbid_unknown_fields=True):
    min_xp: Annotated[int, msgspec.Meta(ge=0, le=100_000_000)]
    name: Annotated[str, msgspec.Meta(max_length=80)]


class LevelsIn(msgspec.Struct, forbid_unknown_fields=True):
    levels: Annotated[list[LevelIn], msgspec.Meta(max_length=50)]
    region_id: Id | None = None


class HolidayIn(msgspec.Struct, forbid_unknown_fields=True):
    day: dt.date
    name: Annotated[str, msgspec.Meta(max_length=120)]
    region_id: Id | None = None


class BadgeIn(msgspec.Struct, forbid_unknown_fields=True):
    code: Annotated[str, msgspec.Meta(max_length=60)]
    name: Annotated[str, msgspec.Meta(max_length=80)]
    criteria: Annotated[
        dict[Annotated[str, msgspec.Meta(max_length=20)], str | int | float], msgspec.Meta(max_length=5)
    ]  # a float only as a unit badge's least NRR or IKM (satisfaction)
    description: Annotated[str, msgspec.Meta(max_length=500)] = ""
    value: Code | None = None
    region_id: Id | None = None


class BadgeUpdate(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """Only the fields sent change; the code never does. New criteria count for awards from now on."""

    name: Annotated[str, msgspec.Meta(max_length=80)] | msgspec.UnsetType = msgspec.UNSET
    description: Annotated[str, msgspec.Meta(max_length=500)] | msgspec.UnsetType = msgspec.UNSET
    value: Code | None | msgspec.UnsetType = msgspec.UNSET
    criteria: (
        Annotated[dict[Annotated[str, msgspec.Meta(max_length=20)], str | int | float], msgspec.Meta(max_length=5)]
        | msgspec.UnsetType
    ) = msgspec.UNSET

    def changes(self) -> dict:
        return {f: getattr(self, f) for f in self.__struct_fields__ if getattr(self, f) is not msgspec.UNSET}
