from __future__ import annotations

from typing import Annotated

import msgspec


class DisplayIn(msgspec.Struct, forbid_unknown_fields=True):
    scope: Annotated[str, msgspec.Meta(max_length=20)]
    name: Annotated[str, msgspec.Meta(max_length=400)]
    scope_id: Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)] | None = None
    period: Annotated[str, msgspec.Meta(max_length=20)] = "week"
    show_ikm: bool = False  # satisfaction: a line with this quarter's IKM of the board's scope


class DisplayChangeIn(msgspec.Struct, forbid_unknown_fields=True):  # satisfaction
    show_ikm: bool
