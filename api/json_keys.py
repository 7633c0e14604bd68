"""JSON decoders keep the last of two equal keys; for quiz answers that would hide a question answered twice."""

from __future__ import annotations

import json

from api.errors import ApiError


def _refuse_repeats(pairs: list[tuple[str, object]]) -> dict:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            if key.strip().isdigit():
                raise ApiError(422, "answer_question_repeated", question=key[:20])
            raise ApiError(400, "json_key_repeated", key=key[:40])
        seen.add(key)
    return dict(pairs)


def reject_repeated_keys(body: bytes) -> None:
    """Called after the body was decoded, so it is valid JSON."""
    json.loads(body, object_pairs_hook=_refuse_repeats)
