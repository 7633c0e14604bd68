"""CSV import of people: every bad row is reported with its line, every good row is imported whole."""

from __future__ import annotations

from dataclasses import dataclass

import anyio.to_thread

from domain.access import Actor
from domain.errors import Forbidden, InvalidInput
from domain.ids import parse_id
from domain.people import PersonFields, check_person
from domain.spreadsheet import ImportReport, RowError, plain_cell, read_rows
from gamification.identity.passwords import check_password_rules, hash_password_blocking
from gamification.organization.people import PeopleService, new_person_row
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.tables import Person, Unit

REQUIRED_COLUMNS = ("name", "nip", "unit")
OPTIONAL_COLUMNS = ("email", "staff_type", "roles", "password")
# Other names a header may give a column: the older ``unit_id``, the team export's Indonesian words.
COLUMN_ALIASES = {
    "unit_id": "unit",
    "unit_kerja": "unit",
    "nama": "name",
    "surel": "email",
    "jenis_pegawai": "staff_type",
    "peran": "roles",
    "kata_sandi": "password",
}
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
        rows = read_rows(content, REQUIRED_COLUMNS, OPTIONAL_COLUMNS, MAX_ROWS, COLUMN_ALIASES, spill="roles")
        report = ImportReport()
        units = await UnitDirectory.of(actor)
        good = await self._validate(actor, rows, report, units)
        good = await _drop_existing(good, report)
        hashes = await anyio.to_thread.run_sync(_hash_all, [row.password for row in good])
        await _insert(good, hashes, report)
        report.errors.sort(key=lambda e: e.line)
        return report

    async def _validate(
        self, actor: Actor, rows: list[tuple[int, dict]], report: ImportReport, units: UnitDirectory
    ) -> list[_GoodRow]:
        good: list[_GoodRow] = []
        seen: dict[str, int] = {}
        placements: dict[tuple, int | None] = {}
        for line, raw in rows:
            try:
                if any("\x00" in value for value in raw.values()):
                    raise InvalidInput("nul_character")  # PostgreSQL cannot store it in text
                fields = check_person(
                    name=plain_cell(raw["name"]),
                    nip=raw["nip"],
                    email=raw["email"] or None,
                    staff_type=raw["staff_type"],
                    roles=raw["roles"] or "asn",
                    unit_id=units.resolve(plain_cell(raw["unit"])),
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


class UnitDirectory:
    """The units a row may name by their name: the admin's region's (every region's for a superadmin)."""

    def __init__(self, rows: list[dict]) -> None:
        self._by_name: dict[str, list[dict]] = {}
        for row in rows:
            self._by_name.setdefault(unit_name_key(row["name"]), []).append(row)

    @classmethod
    async def of(cls, actor: Actor) -> UnitDirectory:
        query = Unit.select(Unit.id, Unit.name, Unit.agency.name)
        if not actor.is_superadmin:
            query = query.where(Unit.region == actor.region_id)
        return cls(await query.order_by(Unit.id))

    def resolve(self, raw: str) -> int | None:
        """A unit's code (its number) or its name, trimmed and read without regard to case or spacing."""
        if not raw:
            return None
        if raw.isascii() and raw.isdigit():
            unit_id = parse_id(raw)
            if unit_id is None:  # no number a unit could have: the same answer as a unit that does not exist
                raise InvalidInput("unit_unknown")
            return unit_id
        found = self._by_name.get(unit_name_key(raw), [])
        if not found:
            raise InvalidInput("unit_unknown", name=raw[:160])
        if len(found) > 1:
            candidates = "; ".join(f"{u['id']} ({u['name']}, {u['agency.name']})" for u in found[:10])
            raise InvalidInput("unit_name_ambiguous", name=raw[:160], candidates=candidates)
        return found[0]["id"]


def unit_name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


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
