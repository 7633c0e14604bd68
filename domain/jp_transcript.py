"""A person's JP transcript for one year: what the ledger credited them (modules, events, certificates, partners'
activities), JP per competency type against the 20 JP target, and the same as a Comprehensive Learner Record 2.0
``ClrCredential`` wrapping one Open Badges 3.0 ``AchievementCredential`` per item (no I/O)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass

from domain.credentials import (
    COMPETENCY_NAMES,
    OB_CONTEXT,
    VC_CONTEXT,
    Issuer,
    issuer_profile,
    timestamp,
)
from domain.errors import InvalidInput
from domain.jp import YEARLY_TARGET_JP

CLR_CONTEXT = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
CLR_SCHEMA_ID = "https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json"
SOURCE_LABELS = {  # the ledger's source kinds (gamification.learning.jp_ledger.JpSource), as a person reads them
    "module": "Modul",
    "workshop": "Kegiatan",
    "certificate": "Sertifikat",
    "xapi": "Aktivitas mitra",
}
# the OB 3.0 achievement types; an event and a partner's activity have none of their own
ACHIEVEMENT_TYPES = {"module": "Course", "workshop": "ext:Event", "certificate": "Certificate", "xapi": "ext:Activity"}


@dataclass(frozen=True)
class TranscriptItem:
    source: str  # the ledger's source kind
    source_id: int
    title: str
    competency_type: str
    jp_centi: int
    earned_at: dt.datetime
    local_date: dt.date  # earned_at on the region's calendar


@dataclass(frozen=True)
class Transcript:
    year: int
    person_name: str
    nip: str | None
    region_name: str
    agency_name: str | None
    unit_name: str | None
    items: tuple[TranscriptItem, ...]

    @property
    def total_centi(self) -> int:
        return sum(item.jp_centi for item in self.items)

    def centi_by_competency(self) -> dict[str, int]:
        """Every competency type, those without JP too, in the order they are named."""
        totals = dict.fromkeys(COMPETENCY_NAMES, 0)
        for item in self.items:
            totals[item.competency_type] = totals.get(item.competency_type, 0) + item.jp_centi
        return totals

    def digest(self) -> str:
        """What the transcript says, as a SHA-256: an unchanged transcript is not issued twice."""
        content = [
            self.year,
            self.person_name,
            self.nip,
            self.region_name,
            self.agency_name,
            self.unit_name,
            [
                [i.source, i.source_id, i.title, i.competency_type, i.jp_centi, timestamp(i.earned_at)]
                for i in self.items
            ],
        ]
        return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def checked_year(year: int, this_year: int, first_year: int) -> int:
    """A transcript is of a year that has begun and is not before the person's first year in Tangkas."""
    if year > this_year:
        raise InvalidInput("transcript_year_in_future", year=year)
    if year < first_year:
        raise InvalidInput("transcript_year_before_record", year=year, first_year=first_year)
    return year


def kept_items(rows: list[dict], timezone: dt.tzinfo) -> tuple[TranscriptItem, ...]:
    """The year's ledger rows as items, oldest first; a credit taken back (its source voided or found false) is
    left out with its negative twin."""
    withdrawn = {(row["source_kind"], row["source_id"]) for row in rows if row["reversal"]}
    items = [
        TranscriptItem(
            source=row["source_kind"],
            source_id=row["source_id"],
            title=row["title"],
            competency_type=row["competency_type"],
            jp_centi=row["jp_centi"],
            earned_at=row["earned_at"],
            local_date=row["earned_at"].astimezone(timezone).date(),
        )
        for row in rows
        if not row["reversal"] and (row["source_kind"], row["source_id"]) not in withdrawn
    ]
    return tuple(sorted(items, key=lambda item: (item.earned_at, item.source, item.source_id)))


def jp_text(centi: int) -> str:
    """JP as an Indonesian reads it: ``12,5``, ``20``, ``0,25``."""
    whole, rest = divmod(centi, 100)
    return f"{whole}" if rest == 0 else f"{whole},{rest:02d}".rstrip("0")


def transcript_title(transcript: Transcript) -> str:
    return f"Transkrip JP {transcript.year}: {transcript.person_name}"


def _jp(centi: int) -> float:
    return centi / 100


def _alignment(issuer: Issuer, competency_type: str) -> list[dict]:
    if competency_type not in COMPETENCY_NAMES:
        return []
    return [
        {
            "type": ["Alignment"],
            "targetName": COMPETENCY_NAMES[competency_type],
            "targetUrl": f"{issuer.id}/competencies/{competency_type}",
            "targetType": "ext:CompetencyType",
            "targetFramework": "Jenis kompetensi ASN",
        }
    ]


def _item_credential(issuer: Issuer, subject_id: str, item: TranscriptItem, issued_at: dt.datetime) -> dict:
    label = SOURCE_LABELS.get(item.source, item.source)
    achievement = {
        "id": f"{issuer.id}/achievements/{item.source}-{item.source_id}",
        "type": ["Achievement"],
        "achievementType": ACHIEVEMENT_TYPES.get(item.source, "Achievement"),
        "name": item.title,
        "description": f"{label}: {item.title}",
        "criteria": {"narrative": f"{label} yang dicatat Tangkas dengan {jp_text(item.jp_centi)} JP."},
        "creditsAvailable": _jp(item.jp_centi),
        "inLanguage": "id",
    }
    if alignment := _alignment(issuer, item.competency_type):
        achievement["alignment"] = alignment
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        # the same item of the same person has the same id in every transcript
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{subject_id}/jp/{item.source}/{item.source_id}')}",
        "type": ["VerifiableCredential", "AchievementCredential"],
        "name": item.title,
        "issuer": issuer_profile(issuer),
        "validFrom": timestamp(issued_at),
        "awardedDate": timestamp(item.earned_at),
        "credentialSubject": {
            "id": subject_id,
            "type": ["AchievementSubject"],
            "activityEndDate": timestamp(item.earned_at),
            "creditsEarned": _jp(item.jp_centi),
            "achievement": achievement,
        },
    }


def _year_credential(
    issuer: Issuer, subject_id: str, transcript: Transcript, issued_at: dt.datetime, timezone: dt.tzinfo
) -> dict:
    """The year as one achievement: its results are the JP in total and per competency type."""
    base = f"{issuer.id}/achievements/jp-{transcript.year}"
    by_type = transcript.centi_by_competency()
    descriptions = [
        {
            "id": f"{base}/results/total",
            "type": ["ResultDescription"],
            "name": "Jumlah JP",
            "resultType": "ext:JP",
            "requiredValue": str(YEARLY_TARGET_JP),
        }
    ] + [
        {
            "id": f"{base}/results/{kind}",
            "type": ["ResultDescription"],
            "name": f"JP {COMPETENCY_NAMES.get(kind, kind)}",
            "resultType": "ext:JP",
        }
        for kind in by_type
    ]
    results = [
        {"type": ["Result"], "resultDescription": f"{base}/results/total", "value": str(_jp(transcript.total_centi))}
    ]
    results += [
        {"type": ["Result"], "resultDescription": f"{base}/results/{kind}", "value": str(_jp(centi))}
        for kind, centi in by_type.items()
    ]
    start = dt.datetime(transcript.year, 1, 1, tzinfo=timezone)
    end = dt.datetime(transcript.year + 1, 1, 1, tzinfo=timezone) - dt.timedelta(seconds=1)
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{subject_id}/jp/{transcript.year}/{transcript.digest()}')}",
        "type": ["VerifiableCredential", "AchievementCredential"],
        "name": f"JP tahun {transcript.year}",
        "issuer": issuer_profile(issuer),
        "validFrom": timestamp(issued_at),
        "credentialSubject": {
            "id": subject_id,
            "type": ["AchievementSubject"],
            "activityStartDate": timestamp(start),
            "activityEndDate": timestamp(end),
            "creditsEarned": _jp(transcript.total_centi),
            "result": results,
            "achievement": {
                "id": base,
                "type": ["Achievement"],
                "achievementType": "ext:JpYear",
                "name": f"Pengembangan kompetensi ASN tahun {transcript.year}",
                "description": (
                    f"Jam pelajaran (JP) pengembangan kompetensi tahun {transcript.year}, per jenis kompetensi, "
                    f"terhadap target {YEARLY_TARGET_JP} JP setahun (1 JP = 45 menit)."
                ),
                "criteria": {
                    "narrative": f"Setiap ASN mengikuti pengembangan kompetensi paling sedikit {YEARLY_TARGET_JP} JP "
                    "dalam satu tahun."
                },
                "creditsAvailable": float(YEARLY_TARGET_JP),
                "resultDescription": descriptions,
                "inLanguage": "id",
            },
        },
    }


def lists_item(credential: object, source: str, source_id: int) -> bool:
    """Whether a transcript credential lists the ledger's credit of ``source`` ``source_id`` (its item's
    achievement id ends ``/achievements/<source>-<id>``, as ``_item_credential`` names it)."""
    subject = credential.get("credentialSubject") if isinstance(credential, dict) else None
    embedded = subject.get("verifiableCredential") if isinstance(subject, dict) else None
    suffix = f"/achievements/{source}-{source_id}"
    for item in embedded if isinstance(embedded, list) else []:
        achievement = (item.get("credentialSubject") or {}).get("achievement") if isinstance(item, dict) else None
        if isinstance(achievement, dict) and str(achievement.get("id", "")).endswith(suffix):
            return True
    return False


def transcript_credential(
    *,
    credential_id: str,
    issuer: Issuer,
    subject_id: str,
    transcript: Transcript,
    issued_at: dt.datetime,
    timezone: dt.tzinfo,
    status: dict | None = None,
) -> dict:
    """A ``ClrCredential`` (CLR 2.0): the year's summary and each item as an ``AchievementCredential``; the
    enclosing credential's signature vouches for them all (they carry no proof of their own)."""
    identifiers = [
        {"type": "IdentityObject", "identityType": "name", "hashed": False, "identityHash": transcript.person_name}
    ]
    if transcript.nip:
        identifiers.append(
            {"type": "IdentityObject", "identityType": "ext:NIP", "hashed": False, "identityHash": transcript.nip}
        )
    year = _year_credential(issuer, subject_id, transcript, issued_at, timezone)
    return {
        "@context": [VC_CONTEXT, CLR_CONTEXT, OB_CONTEXT],
        "id": credential_id,
        "type": ["VerifiableCredential", "ClrCredential"],
        "name": transcript_title(transcript),
        "description": (
            f"Transkrip jam pelajaran (JP) tahun {transcript.year}: {jp_text(transcript.total_centi)} dari "
            f"{YEARLY_TARGET_JP} JP, {len(transcript.items)} kegiatan pengembangan kompetensi."
        ),
        "issuer": issuer_profile(issuer),
        "validFrom": timestamp(issued_at),
        "partial": False,
        "credentialSubject": {
            "id": subject_id,
            "type": ["ClrSubject"],
            "identifier": identifiers,
            "achievement": [year["credentialSubject"]["achievement"]],
            "verifiableCredential": [year]
            + [_item_credential(issuer, subject_id, item, issued_at) for item in transcript.items],
        },
        "credentialSchema": [{"id": CLR_SCHEMA_ID, "type": "1EdTechJsonSchemaValidator2019"}],
    } | ({"credentialStatus": status} if status else {})
