"""Query and path parameters shared by the routes, bounded so that no value reaches the database unchecked."""

from __future__ import annotations

from typing import Annotated

from litestar.params import PathParameter, QueryParameter

from domain.ids import MAX_ID

PathId = Annotated[int, PathParameter(ge=1, le=MAX_ID)]
OptionalId = Annotated[int | None, QueryParameter(ge=1, le=MAX_ID)]
Limit = Annotated[int, QueryParameter(ge=1, le=100, description="Items per page (1–100)")]
Cursor = Annotated[str | None, QueryParameter(max_length=64, description="next_cursor of the previous page")]
