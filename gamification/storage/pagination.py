"""Keyset pagination by id: stable under inserts, cheap at any depth."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

MAX_LIMIT = 100


@dataclass(frozen=True)
class PageRequest:
    limit: int = 20
    after_id: int | None = None


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_after_id: int | None


def page_of(rows: list[T], request: PageRequest, id_of) -> Page[T]:
    """``rows`` were fetched with ``limit + 1`` so that one extra row tells whether more follow."""
    items = rows[: request.limit]
    more = len(rows) > request.limit
    return Page(items=items, next_after_id=id_of(items[-1]) if more and items else None)
