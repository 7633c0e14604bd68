"""Reading the entries of a content file, with errors that name the file, the entry and what is wrong.

The domain's rules take typed values and say what breaks by a code; a file edited by hand can also
miss a key, misspell one or quote a number, which the rules were never meant to catch. Those are
checked here first, so every mistake comes back as one ``ContentError`` line an editor can act on.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from domain.errors import InvalidInput


class ContentError(ValueError):
    """A content file that cannot be read or breaks a rule; the message names the file and the entry."""


class Kind(NamedTuple):
    name: str
    test: Callable[[Any], bool]


TEXT = Kind("text", lambda value: isinstance(value, str))
WHOLE = Kind("a whole number", lambda value: type(value) is int)  # not a bool, which is an int too
NUMBER = Kind("a number", lambda value: type(value) in (int, float))
YES_NO = Kind("true or false", lambda value: type(value) is bool)
TEXTS = Kind("a list of texts", lambda value: isinstance(value, list) and all(isinstance(v, str) for v in value))
TABLE = Kind("a table", lambda value: isinstance(value, dict))
TABLES = Kind("a list of tables", lambda value: isinstance(value, list) and all(isinstance(v, dict) for v in value))


@dataclass(frozen=True)
class Where:
    """A place in a content file: the file, and the entry inside it (empty for the whole file)."""

    path: Path
    entry: str = ""

    def at(self, part: str) -> Where:
        return Where(self.path, f"{self.entry}, {part}" if self.entry else part)

    def error(self, problem: str) -> ContentError:
        return ContentError(f"{self.path}: {self.entry}: {problem}" if self.entry else f"{self.path}: {problem}")


def read(path: Path) -> dict:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except OSError as error:
        raise Where(path).error(f"cannot be read ({error.strerror})") from None
    except tomllib.TOMLDecodeError as error:
        raise Where(path).error(f"is not valid TOML: {error}") from None


def fields(raw: Any, where: Where, required: dict[str, Kind], optional: dict[str, Kind] | None = None) -> dict:
    """``raw`` when it is a table with the required keys, no others, each of its kind."""
    optional = optional or {}
    if not TABLE.test(raw):
        raise where.error(f"expected a table, not {type(raw).__name__}")
    if unknown := sorted(set(raw) - set(required) - set(optional)):
        allowed = ", ".join([*required, *optional])
        raise where.error(f"unknown key {', '.join(unknown)} (allowed: {allowed})")
    if missing := [key for key in required if key not in raw]:
        raise where.error(f"missing key {', '.join(missing)}")
    for key, value in raw.items():
        kind = required.get(key) or optional[key]
        if not kind.test(value):
            raise where.error(f"{key} must be {kind.name}, not {value!r}")
    return raw


def each(raw: dict, key: str, where: Where, label: str) -> Iterator[tuple[dict, Where]]:
    """The tables under ``key``, each with its place (``label`` and its number, counted from 1)."""
    tables = raw.get(key, [])
    if not TABLES.test(tables):
        raise where.error(f"{key} must be {TABLES.name}")
    for number, table in enumerate(tables, start=1):
        yield table, where.at(f"{label} {number}")


def unique(values: list[str], where: Where, what: str) -> None:
    seen = set()
    for value in values:
        if value in seen:
            raise where.error(f"{what} {value!r} appears twice")
        seen.add(value)


@contextmanager
def rules(where: Where) -> Iterator[None]:
    """Turn a domain rule's ``InvalidInput`` into a ``ContentError`` at ``where``."""
    try:
        yield
    except InvalidInput as error:
        params = ", ".join(f"{name}={value}" for name, value in error.params.items())
        raise where.error(f"{error.code} ({params})" if params else error.code) from None
