"""Names and units as boards show them, kept per process under the label epoch.

The database raises ``label_epoch`` (a trigger) whenever a person's name, hidden flag or unit, or a
unit's name, changes; a board read gets the epoch in its first statement, with the caller. Labels kept
under an older epoch are dropped before they are used, so a hidden name is hidden on the next read in
every process, and a board whose people are all known sends no statement for their names.
"""

from __future__ import annotations

from gamification.storage.kept import Kept
from gamification.storage.tables import Person

HIDDEN_NAME = "ASN"
Label = tuple[str, str | None, bool]  # shown name, unit name, hidden
_kept: Kept[int, Label] = Kept(limit=50_000)
_kept_under: list[int | None] = [None]


async def board_labels(person_ids: list[int], epoch: int | None) -> dict[int, Label]:
    """The labels of these people; ``epoch`` None (not read with the caller): read, and not kept."""
    if epoch is None or epoch != _kept_under[0]:
        _kept.clear()
        _kept_under[0] = epoch
    missing = [person for person in person_ids if person not in _kept]
    read = await _read_labels(missing) if missing else {}
    if epoch is not None:
        _kept.keep_all(read)
    return {person: _kept.get(person) or read[person] for person in person_ids if person in _kept or person in read}


def forget_board_labels() -> None:
    """For a database emptied under a running process (the tests): person ids start again."""
    _kept.clear()
    _kept_under[0] = None


async def _read_labels(person_ids: list[int]) -> dict[int, Label]:
    listed = ", ".join("{}" for _ in person_ids)
    rows = await Person.raw(
        f"SELECT p.id, p.name, p.hide_name, u.name AS unit_name FROM person p LEFT JOIN unit u ON u.id = p.unit"
        f" WHERE p.id IN ({listed})",
        *person_ids,
    )
    return {
        row["id"]: (HIDDEN_NAME if row["hide_name"] else row["name"], row["unit_name"], bool(row["hide_name"]))
        for row in rows
    }
