from __future__ import annotations

from typing import Annotated

import msgspec

from api.schemas.organization import Id, Name

Nip = Annotated[str, msgspec.Meta(max_length=32)]
Email = Annotated[str, msgspec.Meta(max_length=254)]
Password = Annotated[str, msgspec.Meta(min_length=1, max_length=256)]
RoleName = Annotated[str, msgspec.Meta(max_length=20)]
Roles = Annotated[list[RoleName], msgspec.Meta(min_length=1, max_length=5)]
StaffTypeName = Annotated[str, msgspec.Meta(max_length=8)]


class UserCreate(msgspec.Struct, forbid_unknown_fields=True):
    name: Name
    roles: Roles
    nip: Nip | None = None
    email: Email | None = None
    password: Password | None = None
    unit_id: Id | None = None
    staff_type: StaffTypeName | None = None
    active: bool = True


class UserUpdate(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """Only the fields sent are changed; send ``null`` to clear ``nip`` or ``email``."""

    name: Name | msgspec.UnsetType = msgspec.UNSET
    roles: Roles | msgspec.UnsetType = msgspec.UNSET
    nip: Nip | None | msgspec.UnsetType = msgspec.UNSET
    email: Email | None | msgspec.UnsetType = msgspec.UNSET
    password: Password | msgspec.UnsetType = msgspec.UNSET
    unit_id: Id | None | msgspec.UnsetType = msgspec.UNSET
    staff_type: StaffTypeName | None | msgspec.UnsetType = msgspec.UNSET
    active: bool | msgspec.UnsetType = msgspec.UNSET
    hide_name: bool | msgspec.UnsetType = msgspec.UNSET

    def changes(self) -> dict:
        return {f: getattr(self, f) for f in self.__struct_fields__ if getattr(self, f) is not msgspec.UNSET}


class ImportRowError(msgspec.Struct):
    line: int
    code: str
    message: str


class ImportResponse(msgspec.Struct):
    imported: int
    failed: int
    created_ids: list[int]
    errors: list[ImportRowError]
