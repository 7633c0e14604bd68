"""The few SQL spellings that differ between PostgreSQL and SQLite, for the set-based statements.

Dates are ISO text in SQLite and ``date`` in PostgreSQL; time stamps are UTC (Piccolo stores
SQLite's as ISO text in UTC), so the national calendar (WIB, UTC+7 all year, no daylight saving
since 1964) is a fixed shift there.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from domain.timezones import NATIONAL_TIMEZONE
from gamification.storage.database import current_engine

WIB_OFFSET_HOURS = 7


@dataclass(frozen=True)
class Dialect:
    postgres: bool

    def date(self, day: dt.date) -> str:
        return f"DATE '{day.isoformat()}'" if self.postgres else f"'{day.isoformat()}'"

    def timestamp_param(self) -> str:
        """A placeholder for a time stamp where the statement alone does not tell its type."""
        return "CAST({} AS TIMESTAMPTZ)" if self.postgres else "{}"

    def at_or_after(self, column: str) -> str:
        """``column`` (a time stamp) at or after a placeholder, given as ``since(...)``."""
        return f"{column} >= CAST({{}} AS TIMESTAMPTZ)" if self.postgres else f"julianday({column}) >= julianday({{}})"

    def since(self, at: dt.datetime) -> dt.datetime | str:
        """The argument for ``at_or_after``."""
        return at if self.postgres else at.isoformat()

    def week_start(self, day: str) -> str:
        if self.postgres:
            return f"({day} - (EXTRACT(ISODOW FROM {day})::int - 1))"
        return f"date({day}, 'weekday 0', '-6 days')"

    def month_start(self, day: str) -> str:
        return f"CAST(date_trunc('month', {day}) AS DATE)" if self.postgres else f"date({day}, 'start of month')"

    def year_start(self, day: str) -> str:
        return f"CAST(date_trunc('year', {day}) AS DATE)" if self.postgres else f"date({day}, 'start of year')"

    def national_day(self, timestamp: str) -> str:
        if self.postgres:
            return f"CAST({timestamp} AT TIME ZONE '{NATIONAL_TIMEZONE}' AS DATE)"
        return f"date({timestamp}, '+{WIB_OFFSET_HOURS} hours')"

    def text(self, value: str) -> str:
        """A string literal inside a Piccolo query template, where every brace, even doubled, is taken
        for a placeholder: braces are spelled as characters."""
        char = "chr" if self.postgres else "char"
        quoted = "'" + value.replace("'", "''") + "'"
        return quoted.replace("{", f"' || {char}(123) || '").replace("}", f"' || {char}(125) || '")

    def later(self, a: str, b: str) -> str:
        """The later of two time stamps, either of which may be NULL."""
        return f"CASE WHEN {a} IS NULL OR {b} > {a} THEN {b} ELSE {a} END"

    def rows(self, rows: list[tuple], **types: str) -> tuple[str, tuple]:
        """``rows`` as a FROM item ``r`` with the columns named in ``types`` (name: PostgreSQL type), and the
        arguments of its placeholders: one array per column on PostgreSQL, one JSON array of the rows on
        SQLite. The text is the same however many rows, so a statement using it is prepared once."""
        if self.postgres:
            arrays = ", ".join(f"CAST({{}} AS {kind}[])" for kind in types.values())
            columns = tuple([row[n] for row in rows] for n in range(len(types)))
            return f"unnest({arrays}) AS r({', '.join(types)})", columns
        columns = ", ".join(f"json_extract(value, '$[{n}]') AS {name}" for n, name in enumerate(types))
        return f"(SELECT {columns} FROM json_each({{}})) AS r", (json.dumps(rows),)

    def json_rows(self, *columns: str) -> str:
        """An aggregate gathering its rows as one JSON array of arrays (NULL over no rows on PostgreSQL)."""
        listed = ", ".join(columns)
        return f"json_agg(json_build_array({listed}))" if self.postgres else f"json_group_array(json_array({listed}))"


def dialect() -> Dialect:
    return Dialect(postgres=current_engine().engine_type == "postgres")


def as_datetime(value: dt.datetime | str | None) -> dt.datetime | None:
    """An aggregate over a timestamp comes back as text from SQLite."""
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value
