"""Text bound for a spreadsheet (the CSV exports a BKPSDM opens in Excel or LibreOffice)."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@")


def spreadsheet_cell(text: str) -> str:
    """A spreadsheet must not run what a name starts with (CSV injection): such a cell is quoted as text."""
    return "'" + text if text[:1] in FORMULA_STARTS else text
