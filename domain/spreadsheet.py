"""Spreadsheets: the CSV exports a BKPSDM opens in Excel or LibreOffice, and the CSV files it uploads."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from domain.errors import InvalidInput

FORMULA_STARTS = ("=", "+", "-", "@")


def spreadsheet_cell(text: str) -> str:
    """A spreadsheet must not run what a name starts with (CSV injection): such a cell is quoted as text."""
    return "'" + text if text[:1] in FORMULA_STARTS else text


def plain_cell(text: str) -> str:
    """The text ``spreadsheet_cell`` wrote, read back: its guard quote taken off."""
    return text[1:] if text[:1] == "'" and text[1:2] in FORMULA_STARTS else text


@dataclass(frozen=True)
class RowError:
    """Why one line of an uploaded CSV was not taken (the others go on)."""

    line: int
    code: str
    params: dict = field(default_factory=dict)


@dataclass
class ImportReport:
    imported: int = 0
    created_ids: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


DELIMITER_NAMES = {",": "“,”", ";": "“;”", "\t": "tab"}


def read_rows(
    content: bytes,
    required: tuple[str, ...],
    optional: tuple[str, ...],
    max_rows: int,
    aliases: dict[str, str] | None = None,
    spill: str | None = None,
) -> list[tuple[int, dict]]:
    """(line, row) for every non-blank row of an uploaded CSV (comma, semicolon or tab separated, as a
    spreadsheet saves it), each row holding exactly the named columns, stripped; the header checked.

    ``aliases`` maps other header names to a column's own; cells past the header's end are joined with
    ``;`` into ``spill`` when it is the last column (``asn;manager`` left unquoted in a semicolon file).
    """
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("csv_encoding") from None
    dialect = _dialect(text)
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    found = [(h or "").strip() for h in (reader.fieldnames or [])]
    header = [(aliases or {}).get(_header_key(h), _header_key(h)) for h in found]
    missing = [c for c in required if c not in header]
    if missing:
        raise InvalidInput(
            "csv_header",
            missing=", ".join(missing),
            found=", ".join(h for h in found if h)[:300] or "-",
            delimiter=DELIMITER_NAMES.get(dialect.delimiter, repr(dialect.delimiter)),
        )
    reader.fieldnames = header
    spills = spill is not None and header[-1] == spill
    rows = []
    try:
        for raw in reader:
            if len(rows) >= max_rows:
                raise InvalidInput("csv_too_many_rows", max=max_rows)
            if not any(_cell(v) for k, v in raw.items() if k is not None):
                continue
            row = {k: _cell(raw.get(k)) for k in (*required, *optional)}
            if spills and raw.get(None):
                row[spill] = ";".join(c for c in (row[spill], *map(_cell, raw[None])) if c)
            rows.append((reader.line_num, row))
    except csv.Error:
        raise InvalidInput("csv_malformed", line=reader.line_num) from None
    if not rows:
        raise InvalidInput("csv_empty")
    return rows


def _dialect(text: str) -> type[csv.Dialect]:
    """The delimiter the header uses most (a header names columns, it does not hold separators), so
    rows with unquoted extra cells cannot mislead it; a header with none: one column, comma."""
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in DELIMITER_NAMES}
    delimiter = max(counts, key=counts.get) if any(counts.values()) else ","
    return type("Uploaded", (csv.excel,), {"delimiter": delimiter})


def _header_key(name: str) -> str:
    return "_".join(name.lower().split())


def _cell(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""  # a short row's missing cells are None
