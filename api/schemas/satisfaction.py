from __future__ import annotations

from typing import Annotated

import msgspec

from api.schemas.organization import Id


class UnitBadgePreviewIn(msgspec.Struct, forbid_unknown_fields=True):
    """An existing badge by ``code``, or ``criteria`` not saved yet; one of the two."""

    code: Annotated[str, msgspec.Meta(max_length=60)] | None = None
    criteria: (
        Annotated[dict[Annotated[str, msgspec.Meta(max_length=20)], str | int | float], msgspec.Meta(max_length=5)]
        | None
    ) = None
    at: Annotated[str, msgspec.Meta(max_length=10)] | None = None  # 2026, 2026-Q4, 2026-12; default: the last ended
    region_id: Id | None = None
