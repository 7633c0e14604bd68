from __future__ import annotations

from typing import Annotated

import msgspec

Id = Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=160)]
Slug = Annotated[str, msgspec.Meta(min_length=2, max_length=64)]
TimeZone = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]


class RegionCreate(msgspec.Struct, forbid_unknown_fields=True):
    name: Name
    slug: Slug
    timezone: TimeZone


class RegionUpdate(msgspec.Struct, forbid_unknown_fields=True):
    name: Name | None = None
    timezone: TimeZone | None = None


class AgencyCreate(msgspec.Struct, forbid_unknown_fields=True):
    region_id: Id
    name: Name


class NameUpdate(msgspec.Struct, forbid_unknown_fields=True):
    name: Name


class UnitCreate(msgspec.Struct, forbid_unknown_fields=True):
    agency_id: Id
    name: Name
    parent_id: Id | None = None
