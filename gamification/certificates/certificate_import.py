"""A training body's completion list (a diklat's graduates) imported by a region's admin in one go: each
good row is a verified certificate crediting JP and XP, decided by the admin; each bad row is reported with
its line. Every row needs the certificate's number, so the same file imported again credits nothing twice:
its rows are refused as duplicates (the issuer-and-number key)."""

from __future__ import annotations

import datetime as dt
import math

from domain.access import Actor
from domain.attempts import local_date
from domain.certificates import Status, check_fields
from domain.errors import DomainError, InvalidInput
from domain.nip import parse_nip
from domain.spreadsheet import ImportReport, RowError, read_rows
from gamification.certificates.crediting import credit_certificate
from gamification.points.awarding import Awarding
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.regions import region_timezone
from gamification.storage.tables import Certificate, PartnerOrganisation, Person

REQUIRED_COLUMNS = ("nip", "title", "issuer", "number", "completed_on", "jp")
OPTIONAL_COLUMNS = ("competency_type",)
MAX_ROWS = 2_000
LOOKUP_CHUNK = 500


class CertificateImport:
    def __init__(self, awarding: Awarding) -> None:
        self._awarding = awarding

    async def run(self, actor: Actor, content: bytes, partner_org_id: int | None = None) -> ImportReport:
        """Rows for people of a region the caller administers (never the caller), each in its own transaction."""
        if partner_org_id is not None and not await PartnerOrganisation.exists().where(
            PartnerOrganisation.id == partner_org_id
        ):
            raise InvalidInput("certificate_partner_org_unknown")
        rows = read_rows(content, REQUIRED_COLUMNS, OPTIONAL_COLUMNS, MAX_ROWS)
        people = await _people([raw["nip"] for _, raw in rows])
        report = ImportReport()
        timezones: dict[int, str] = {}
        for line, raw in rows:
            try:
                created = await self._row(actor, raw, people, timezones, partner_org_id)
            except DomainError as error:
                report.errors.append(RowError(line, error.code, error.params))
            else:
                report.imported += 1
                report.created_ids.append(created)
        return report

    async def _row(self, actor: Actor, raw: dict, people: dict, timezones: dict, partner_org_id: int | None) -> int:
        if any("\x00" in value for value in raw.values()):
            raise InvalidInput("nul_character")
        person = people.get(parse_nip(raw["nip"]).value)
        if person is None or not person["active"] or not actor.administers(person["region"]):
            raise InvalidInput("certificate_person_unknown")  # another region's people do not exist here
        if person["id"] == actor.person_id:
            raise InvalidInput("self_decision")
        if not raw["number"]:
            raise InvalidInput("certificate_number_required")
        region = person["region"]
        timezones.setdefault(region, await region_timezone(region))
        now = dt.datetime.now(dt.timezone.utc)
        fields = check_fields(
            issuer=raw["issuer"],
            number=raw["number"],
            title=raw["title"],
            completed_on=_date(raw["completed_on"]),
            jp_claimed=_jp(raw["jp"]),
            competency_type=raw["competency_type"] or "teknis",
            today=local_date(now, timezones[region]),
        )
        try:
            async with unit_of_work():
                inserted = await Certificate.insert(
                    Certificate(
                        person=person["id"],
                        issuer=fields.issuer,
                        number=fields.number,
                        duplicate_key=fields.duplicate_key,  # verified as imported: it holds the key
                        claim_key=fields.duplicate_key,
                        title=fields.title,
                        completed_on=fields.completed_on,
                        jp_claimed_centi=fields.jp_claimed_centi,
                        jp_granted_centi=fields.jp_claimed_centi,
                        competency_type=fields.competency_type.value,
                        status=Status.VERIFIED.value,
                        decided_by=actor.person_id,
                        decided_at=now,
                        decision_reason="Impor daftar kelulusan",
                        partner_org=partner_org_id,
                        created_by=actor.person_id,
                        created_at=now,
                        updated_at=now,
                    )
                ).returning(Certificate.id)
                certificate_id = inserted[0]["id"]
                await credit_certificate(
                    self._awarding,
                    certificate_id=certificate_id,
                    person_id=person["id"],
                    title=fields.title,
                    competency_type=fields.competency_type.value,
                    completed_on=fields.completed_on,
                    granted_centi=fields.jp_claimed_centi,
                    now=now,
                )
        except Exception as error:
            if is_unique_violation(error):
                raise InvalidInput("certificate_duplicate") from None
            raise
        return certificate_id


def _date(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput("certificate_date_format") from None


def _jp(raw: str) -> float:
    try:
        value = float(raw.replace(",", "."))  # "2,5" as an Indonesian spreadsheet writes it
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise InvalidInput("certificate_jp_range", max=100)
    return value


async def _people(nips: list[str]) -> dict[str, dict]:
    """The people named, by NIP (normalised as ``parse_nip`` would, without judging it here)."""
    wanted = sorted({nip.strip().replace(" ", "") for nip in nips if nip})
    found: dict[str, dict] = {}
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        rows = await Person.select(Person.id, Person.nip, Person.region, Person.active).where(
            Person.nip.is_in(wanted[start : start + LOOKUP_CHUNK])
        )
        found.update({row["nip"]: row for row in rows})
    return found
