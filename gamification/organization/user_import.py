"""CSV import of people: every bad row is reported with its line, every good row is imported whole."""

from __future__ import annotations

from dataclasses import dataclass

import anyio.to_thread

from domain.access import Actor
from domain.errors import Forbidden, InvalidInput
from domain.ids import parse_id
from domain.people import PersonFields, check_person
from domain.spreadsheet import ImportReport, RowError, read_rows
from gamification.identity.passwords import check_password_rules, hash_password_blocking
from gamification.organization.people import PeopleService, new_person_row
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.tables import Person

REQUIRED_COLUMNS = ("name", "nip", "email", "staff_type", "unit_id", "roles")
OPTIONAL_COLUMNS = ("password",)
MAX_ROWS = 20_000
LOOKUP_CHUNK = 500


@dataclass(frozen=True)
class _GoodRow:
    line: int
    fields: PersonFields
    region_id: int | None
    password: str | None


class UserImport:
    def __init__(self, people: PeopleService) -> None:
        self._people = people

    async def run(self, actor: Actor, content: bytes) -> ImportReport:
        rows = read_rows(content, REQUIRED_COLUMNS, OPTIONAL_COLUMNS, MAX_ROWS)
        report = ImportReport()
        good = await self._validate(actor, rows, report)
        good = await _drop_existing(good, report)
        hashes = await anyio.to_thread.run_sync(_hash_all, [row.password for row in good])
        await _insert(good, hashes, report)
        report.errors.sort(key=lambda e: e.line)
        return report

    async def _validate(self, actor: Actor, rows: list[tuple[int, dict]], report: ImportReport) -> list[_GoodRow]:
        good: list[_GoodRow] = []
        seen: dict[str, int] = {}
        placements: dict[tuple, int | None] = {}
        for line, raw in rows:
            try:
                if any("\x00" in value for value in raw.values()):
                    raise InvalidInput("nul_character")  # PostgreSQL cannot store it in text
                fields = check_person(
                    name=raw["name"],
                    nip=raw["nip"],
                    email=raw["email"],
                    staff_type=raw["staff_type"],
                    roles=raw["roles"] or "asn",
                    unit_id=_unit_id(raw["unit_id"]),
                )
                password = raw.get("password") or None
                if password is not None:
                    check_password_rules(password)
                key = (fields.unit_id, fields.roles)
                if key not in placements:
                    placements[key] = await self._people.check_placement(actor, fields)
                for value, code in ((fields.nip, "nip_duplicate_in_file"), (fields.email, "email_duplicate_in_file")):
                    if value is not None and value in seen:
                        raise InvalidInput(code, first_line=seen[value])
                for value in (fields.nip, fields.email):
                    if value is not None:
                        seen[value] = line
            except (InvalidInput, Forbidden) as error:
                report.errors.append(RowError(line, error.code, error.params))
                continue
            good.append(_GoodRow(line, fields, placements[key], password))
        return good


def _unit_id(raw: str) -> int | None:
    if not raw:
        return None
    unit_id = parse_id(raw)
    if unit_id is None:  # no number a unit could have: the same answer as a unit that does not exist
        raise InvalidInput("unit_unknown")
    return unit_id


async def _drop_existing(good: list[_GoodRow], report: ImportReport) -> list[_GoodRow]:
    taken: set[str] = set()
    for column, values in (
        (Person.nip, [r.fields.nip for r in good if r.fields.nip]),
        (Person.email, [r.fields.email for r in good if r.fields.email]),
    ):
        for start in range(0, len(values), LOOKUP_CHUNK):
            chunk = values[start : start + LOOKUP_CHUNK]
            found = await Person.select(column).where(column.is_in(chunk)).output(as_list=True)
            taken.update(found)
    kept = []
    for row in good:
        clash = "nip_taken" if row.fields.nip in taken else "email_taken" if row.fields.email in taken else None
        if clash:
            report.errors.append(RowError(row.line, clash))
        else:
            kept.append(row)
    return kept


def _hash_all(passwords: list[str | None]) -> list[str | None]:
    return [hash_password_blocking(p) if p is not None else None for p in passwords]


async def _insert(good: list[_GoodRow], hashes: list[str | None], report: ImportReport) -> None:
    """All good rows in one transaction; if someone raced us to a NIP, fall back row by row."""
    records = [new_person_row(r.fields, r.region_id, h, True) for r, h in zip(good, hashes, strict=True)]
    try:
        async with unit_of_work():
            ids = []
            for start in range(0, len(records), 200):
                ids += [r["id"] for r in await Person.insert(*records[start : start + 200]).returning(Person.id)]
    except Exception as error:
        if not is_unique_violation(error):
            raise
    else:
        report.imported, report.created_ids = len(ids), ids
        return
    for row, record in zip(good, records, strict=True):
        try:
            async with unit_of_work():
                created = await Person.insert(record).returning(Person.id)
        except Exception as error:
            if not is_unique_violation(error):
                raise
            report.errors.append(RowError(row.line, "person_exists"))
        else:
            report.imported += 1
            report.created_ids.append(created[0]["id"])
