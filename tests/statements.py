"""Counting the statements the server sends to the database while a block runs.

Every statement Piccolo builds, and every hand-written one (``Table.raw``), goes through the
engine's ``run_querystring`` or ``run_ddl``; transaction control (BEGIN, COMMIT) does not, and is
not counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine


@dataclass
class Statements:
    sent: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.sent)

    def __str__(self) -> str:
        return "\n".join(f"{n:>3}. {sql[:160]}" for n, sql in enumerate(self.sent, 1))


@contextmanager
def counted(monkeypatch, *, prepared: bool = False) -> Iterator[Statements]:
    """``prepared``: each statement as the driver receives it, with placeholders instead of the values."""
    statements = Statements()
    for engine, kind in ((PostgresEngine, "postgres"), (SQLiteEngine, "sqlite")):
        text = (lambda q, kind=kind: q.compile_string(engine_type=kind)[0]) if prepared else str
        _count_calls(monkeypatch, engine, "run_querystring", statements, text)
        _count_calls(monkeypatch, engine, "run_ddl", statements, lambda ddl: ddl)
    yield statements


def _count_calls(monkeypatch, engine, name: str, statements: Statements, text) -> None:
    original = getattr(engine, name)

    async def call(self, query, *args, **kwargs):
        statements.sent.append(" ".join(text(query).split()))
        return await original(self, query, *args, **kwargs)

    monkeypatch.setattr(engine, name, call)
