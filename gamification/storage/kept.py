"""What a process keeps of what it read: a dict bounded by emptying it when full (every entry is
cheap to read again, and the caller decides when an entry is still good)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Kept(dict[K, V]):
    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def keep(self, key: K, value: V) -> V:
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value

    def keep_all(self, entries: Mapping[K, V]) -> None:
        if len(self) + len(entries) > self.limit:
            self.clear()
        self.update(entries)
