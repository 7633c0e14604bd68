"""Opaque cursors for keyset pagination, and the list envelope every list route answers with."""

from __future__ import annotations

import base64
import binascii
from typing import Generic, TypeVar

import msgspec

from api.http.errors import ApiError
from domain.ids import parse_id
from gamification.storage.pagination import Page, PageRequest

T = TypeVar("T")


class ListResponse(msgspec.Struct, Generic[T]):
    items: list[T]
    next_cursor: str | None


def encode_cursor(after_id: int | None) -> str | None:
    if after_id is None:
        return None
    return base64.urlsafe_b64encode(f"id:{after_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise ApiError(400, "cursor_invalid") from None
    prefix, _, number = raw.partition(":")
    after_id = parse_id(number) if prefix == "id" else None
    if after_id is None:
        raise ApiError(400, "cursor_invalid")
    return after_id


def page_request(cursor: str | None, limit: int) -> PageRequest:
    return PageRequest(limit=limit, after_id=decode_cursor(cursor))


def list_response(page: Page[T]) -> ListResponse[T]:
    return ListResponse(items=page.items, next_cursor=encode_cursor(page.next_after_id))
