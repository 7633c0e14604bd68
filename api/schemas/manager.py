from __future__ import annotations

from typing import Annotated

import msgspec

from api.schemas.modules import ItemProblem

Short = Annotated[str, msgspec.Meta(max_length=40)]


class BulkItemIn(msgspec.Struct, forbid_unknown_fields=True):
    kind: Short
    id: Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)]
    decision: Short
    comment: Annotated[str, msgspec.Meta(max_length=1000)] = ""
    impact: Short | None = None


class BulkIn(msgspec.Struct, forbid_unknown_fields=True):
    items: Annotated[list[BulkItemIn], msgspec.Meta(max_length=100)]


class BulkItemOut(msgspec.Struct):
    kind: str
    id: int
    status: int
    result_status: str | None = None
    problem: ItemProblem | None = None


class BulkOut(msgspec.Struct):
    results: list[BulkItemOut]
