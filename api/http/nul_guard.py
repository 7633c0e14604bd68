"""PostgreSQL cannot store the NUL character in text; refuse it at the door instead of failing on insert."""

from __future__ import annotations

import re

from litestar import Request

from api.http.errors import ApiError
from api.http.strict_input import json_body_type

# A JSON escape \u0000 not itself escaped (an even number of backslashes before it, then one).
JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


async def refuse_nul_characters(request: Request) -> None:
    if b"%00" in request.scope.get("query_string", b""):
        raise ApiError(400, "nul_character")
    if json_body_type(request) is not None and JSON_NUL.search(await request.body()):
        raise ApiError(400, "nul_character")
