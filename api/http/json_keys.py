"""JSON decoders keep the last of two equal keys, and not every reader does: ``{"login": "x", "login": "admin"}``
may be checked as one login and logged or forwarded as the other, and a quiz answer given twice hides one of
them. So a JSON body with a key repeated in any object, at any depth, is refused whole."""

from __future__ import annotations

import json

from api.http.errors import ApiError


def _refuse_repeats(pairs: list[tuple[str, object]]) -> None:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise ApiError(400, "json_key_repeated", key=key[:40])
        seen.add(key)
    # The parsed value is thrown away (msgspec decodes the body): nothing to build.


def refuse_repeated_keys(body: bytes) -> None:
    """Called once the body is known to be valid JSON."""
    try:
        json.loads(body, object_pairs_hook=_refuse_repeats)
    except RecursionError:
        raise ApiError(400, "malformed_json") from None
