"""Open Badges 3.0 credentials as VC-JWTs: the credential's shape and what a verification answers (no I/O)."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import uuid
from dataclasses import dataclass
from enum import StrEnum

from domain.did_web import did_web  # credentials: did:web

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
SCHEMA_ID = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
SIGNING_ALGORITHM = "EdDSA"
# How competency types are named in the alignment (a framework of our own, so an ``ext:`` target type).
COMPETENCY_NAMES = {"teknis": "Kompetensi Teknis", "manajerial": "Kompetensi Manajerial"} | {
    "sosial_kultural": "Kompetensi Sosial Kultural"
}
MONTHS = (
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()  # noqa: SIM905
)


# Bitstring Status List: 131,072 bits (16 KiB), the least the W3C recommendation allows, so that a list
# hides which of many credentials a verifier asks about
STATUS_LIST_BITS = 131_072


class Verdict(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    TAMPERED = "tampered"  # the signature does not match the content
    UNKNOWN_KEY = "unknown_key"  # not signed by a key Tangkas ever published
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"


@dataclass(frozen=True)
class Issuer:
    id: str
    name: str
    url: str


@dataclass(frozen=True)
class Achievement:
    id: str
    name: str
    description: str
    criteria: dict  # the badge's declarative criteria (domain.badges)


def issuer_of(base_url: str, region_slug: str, region_name: str) -> Issuer:
    """A region issues as "Tangkas <region>"; its profile's address is its id."""
    return Issuer(f"{base_url}/issuers/{region_slug}", f"Tangkas {region_name}", base_url)


def issuer_profile(issuer: Issuer) -> dict:
    """The OB 3.0 ``Profile`` of an issuing region, as published and as embedded in its credentials; it names
    the region's did:web DID, whose document lists the same keys as the JWKS (docs/architecture.md)."""
    return {"id": issuer.id, "type": ["Profile"], "name": issuer.name, "url": issuer.url} | {
        "otherIdentifier": [{"type": "IdentifierEntry", "identifier": did_web(issuer.id), "identifierType": "ext:did"}]
    }


def profile_document(issuer: Issuer) -> dict:
    return {"@context": [VC_CONTEXT, OB_CONTEXT]} | issuer_profile(issuer)


def criteria_narrative(criteria: dict) -> str:
    """What earned the badge, in Indonesian, from its declarative criteria."""
    kind, count = criteria.get("kind"), criteria.get("count")
    if kind == "completions":
        what = f"Menyelesaikan {count} modul"
        if criteria.get("topic"):
            what += f" bertopik {criteria['topic']}"
        if criteria.get("competency_type"):
            what += f" ({COMPETENCY_NAMES.get(criteria['competency_type'], criteria['competency_type'])})"
        return what + "."
    if kind == "perfect_first_attempt":
        return "Menyelesaikan modul dengan nilai sempurna pada percobaan pertama."
    if kind == "jp_year":
        return f"Mengumpulkan {criteria.get('jp')} JP dalam satu tahun."
    if kind == "streak":
        return f"Belajar {criteria.get('days')} hari kerja berturut-turut."
    if kind == "board_top":
        return f"Masuk {criteria.get('top')} besar papan peringkat pada akhir periode."
    if kind == "initiatives":
        return f"Memiliki {count} inovasi yang terverifikasi."
    return "Memenuhi kriteria lencana di Tangkas."


def achievement_document(achievement: Achievement | TrainingAchievement) -> dict:
    if isinstance(achievement, TrainingAchievement):
        return training_achievement_document(achievement)
    document = {
        "id": achievement.id,
        "type": ["Achievement"],
        "achievementType": "Badge",
        "name": achievement.name,
        "description": achievement.description or achievement.name,
        "criteria": {"narrative": criteria_narrative(achievement.criteria)},
        "inLanguage": "id",
    }
    issuer_id = achievement.id.rsplit("/achievements/", 1)[0]
    alignment = competency_alignment(issuer_id, achievement.criteria.get("competency_type"))
    return document | ({"alignment": alignment} if alignment else {})


def open_badge_credential(
    *,
    credential_id: str,
    issuer: Issuer,
    achievement: Achievement | TrainingAchievement,
    subject_id: str,
    subject_name: str,
    awarded_at: dt.datetime,
    issued_at: dt.datetime,
    status: dict | None = None,
) -> dict:
    """An ``OpenBadgeCredential`` (W3C VC data model 2.0, OB 3.0) for one badge award."""
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": achievement.name,
        "issuer": issuer_profile(issuer),
        "validFrom": timestamp(issued_at),
        "awardedDate": timestamp(awarded_at),
        "credentialSubject": {
            "id": subject_id,
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": subject_name,
                }
            ],
            "achievement": achievement_document(achievement),
        },
        "credentialSchema": [{"id": SCHEMA_ID, "type": "1EdTechJsonSchemaValidator2019"}],
    } | ({"credentialStatus": status} if status else {})


def status_entry(list_url: str, index: int) -> dict:
    """A credential's ``credentialStatus``: its bit in the issuer's revocation list."""
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def encoded_list(set_bits: set[int], size: int = STATUS_LIST_BITS) -> str:
    """The list's ``encodedList``: bits left to right from index 0, GZIP-compressed, base64url, multibase "u"."""
    bits = bytearray(size // 8)
    for index in set_bits:
        bits[index // 8] |= 0x80 >> (index % 8)
    return "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits), mtime=0)).rstrip(b"=").decode()


def status_list_credential(list_url: str, issuer: Issuer, revoked: set[int], issued_at: dt.datetime) -> dict:
    """A ``BitstringStatusListCredential`` for an issuer's revocations."""
    return {
        "@context": [VC_CONTEXT],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_profile(issuer),
        "validFrom": timestamp(issued_at),
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_list(revoked),
        },
    }


def jwt_claims(credential: dict, issued_at: dt.datetime) -> dict:
    """The VC-JWT payload (OB 3.0, "JSON Web Token Proof Format"): the registered claims mirror the credential."""
    return {
        "iss": credential["issuer"]["id"],
        "sub": credential["credentialSubject"]["id"],
        "jti": credential["id"],
        "nbf": int(issued_at.timestamp()),
        "iat": int(issued_at.timestamp()),
        "vc": credential,
    }


def timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_timestamp(text: object) -> dt.datetime | None:
    if not isinstance(text, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def verdict_in_time(credential: dict, now: dt.datetime) -> Verdict:
    """A credential with a good signature may still be outside its validity window."""
    valid_until = parse_timestamp(credential.get("validUntil"))
    if valid_until is not None and now >= valid_until:
        return Verdict.EXPIRED
    valid_from = parse_timestamp(credential.get("validFrom"))
    if valid_from is not None and now < valid_from - dt.timedelta(minutes=5):
        return Verdict.NOT_YET_VALID
    return Verdict.VALID


def indonesian_date(moment: dt.datetime) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def is_transcript(credential: dict) -> bool:
    """A JP transcript: a CLR 2.0 ``ClrCredential`` (domain.jp_transcript)."""
    kinds = credential.get("type")
    return isinstance(kinds, list) and "ClrCredential" in kinds


def achievement_of(credential: dict) -> dict:
    if is_transcript(credential):  # the transcript is what was achieved
        return {"name": credential.get("name")}
    subject = credential.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    return achievement if isinstance(achievement, dict) else {}


def subject_name(credential: dict) -> str | None:
    subject = credential.get("credentialSubject")
    identities = subject.get("identifier") if isinstance(subject, dict) else None
    for identity in identities if isinstance(identities, list) else []:
        if isinstance(identity, dict) and identity.get("identityType") == "name" and not identity.get("hashed"):
            return str(identity.get("identityHash"))
    return None


VERDICT_MESSAGES = {
    Verdict.TAMPERED: "Kredensial tidak sah: isinya telah diubah atau tanda tangannya rusak.",
    Verdict.UNKNOWN_KEY: "Kredensial tidak dapat diverifikasi: ditandatangani dengan kunci yang tidak dikenal Tangkas.",
    Verdict.EXPIRED: "Kredensial ini sudah kedaluwarsa.",
    Verdict.REVOKED: "Kredensial ini sudah dicabut oleh penerbitnya dan tidak berlaku lagi.",
    Verdict.NOT_YET_VALID: "Kredensial ini belum berlaku.",
}


def verdict_message(verdict: Verdict, credential: dict | None, issuer_name: str | None) -> str:
    """Who, what, when and by whom, in Indonesian; only what the signature vouches for."""
    if verdict is not Verdict.VALID or credential is None:
        return VERDICT_MESSAGES[verdict]
    achievement = achievement_of(credential)
    awarded = parse_timestamp(credential.get("awardedDate") or credential.get("validFrom"))
    when = f" pada {indonesian_date(awarded)}" if awarded else ""
    what = (
        "transkrip"
        if is_transcript(credential)
        else ACHIEVEMENT_NOUNS.get(achievement.get("achievementType"), "lencana")
    )
    return (
        f"Kredensial sah: {what} «{achievement.get('name', '')}» diberikan kepada "
        f"{subject_name(credential) or 'pemegangnya'}{when} oleh {issuer_name}."
    )


# --- training done: a verified certificate or an event completion, with the JP it earned (issue 21) -------
TRAINING_ACHIEVEMENT_TYPE = "CertificateOfCompletion"
ACHIEVEMENT_NOUNS = {"Badge": "lencana", TRAINING_ACHIEVEMENT_TYPE: "pelatihan"}  # in the verdict's sentence


@dataclass(frozen=True)
class TrainingAchievement:
    id: str
    issuer_id: str
    name: str
    narrative: str  # what was done and how Tangkas knows it, in Indonesian
    provider: str  # who gave the training: a certificate's issuer, an event's organiser
    competency_type: str
    jp: float  # the JP Tangkas credited for it


def jp_text(jp: float) -> str:
    """``24.5`` → ``"24,5"``: JP as Indonesian writes it."""
    return f"{jp:g}".replace(".", ",")


def competency_alignment(issuer_id: str, competency: str | None) -> list[dict]:
    if competency not in COMPETENCY_NAMES:
        return []
    return [
        {
            "type": ["Alignment"],
            "targetName": COMPETENCY_NAMES[competency],
            "targetUrl": f"{issuer_id}/competencies/{competency}",
            "targetType": "ext:CompetencyType",
            "targetFramework": "Jenis kompetensi ASN",
        }
    ]


def training_achievement_document(achievement: TrainingAchievement) -> dict:
    """The training as an OB 3.0 ``Achievement``: its provider as ``creator``, its JP as ``creditsAvailable``
    (OB counts "credit hours"; here they are JP, jam pelajaran, as the description says)."""
    competency = COMPETENCY_NAMES.get(achievement.competency_type, achievement.competency_type)
    provider_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{achievement.issuer_id}/providers/{achievement.provider}")
    document = {
        "id": achievement.id,
        "type": ["Achievement"],
        "achievementType": TRAINING_ACHIEVEMENT_TYPE,
        "name": achievement.name,
        "description": (
            f"{achievement.name}, oleh {achievement.provider}: {jp_text(achievement.jp)} JP (jam pelajaran), "
            f"{competency}."
        ),
        "criteria": {"narrative": achievement.narrative},
        "creator": {"id": f"urn:uuid:{provider_id}", "type": ["Profile"], "name": achievement.provider},
        "creditsAvailable": achievement.jp,
        "tag": ["JP"],
        "inLanguage": "id",
    }
    alignment = competency_alignment(achievement.issuer_id, achievement.competency_type)
    return document | ({"alignment": alignment} if alignment else {})


def training_credential(
    *,
    activity_start: dt.datetime | None,
    activity_end: dt.datetime,
    achievement: TrainingAchievement,
    **fields,
) -> dict:
    """An ``OpenBadgeCredential`` for training done: the JP earned as the subject's ``creditsEarned``, and when
    the training took place."""
    credential = open_badge_credential(achievement=achievement, **fields)
    subject = credential["credentialSubject"]
    subject["creditsEarned"] = achievement.jp
    if activity_start is not None:
        subject["activityStartDate"] = timestamp(activity_start)
    subject["activityEndDate"] = timestamp(activity_end)
    return credential
