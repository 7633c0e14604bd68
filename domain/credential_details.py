"""What a person reads of a credential whose signature holds: who, what, when and by whom, taken from the
credential itself, dates on the calendar of the issuing region (no I/O)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from domain.credentials import achievement_of, parse_timestamp, subject_name

COMPETENCY_TARGET = "ext:CompetencyType"  # the alignment's targetType naming an ASN competency type


@dataclass(frozen=True)
class CredentialDetails:
    subject_name: str | None
    achievement_name: str | None
    achievement_description: str | None
    jp: float | None  # OB 3.0 credits: the subject's creditsEarned, else the achievement's creditsAvailable
    competency: str | None
    awarded_on: dt.date | None  # local dates of the issuing region
    issued_on: dt.date | None
    issuer_name: str


def credential_details(credential: dict, issuer_name: str, time_zone: str) -> CredentialDetails:
    achievement = achievement_of(credential)
    subject = credential.get("credentialSubject")
    credits = subject.get("creditsEarned") if isinstance(subject, dict) else None
    if not _number(credits):
        credits = achievement.get("creditsAvailable")
    zone = ZoneInfo(time_zone)
    awarded = parse_timestamp(credential.get("awardedDate"))
    issued = parse_timestamp(credential.get("validFrom"))
    return CredentialDetails(
        subject_name=subject_name(credential),
        achievement_name=_text(achievement.get("name")) or _text(credential.get("name")),
        achievement_description=_text(achievement.get("description")),
        jp=float(credits) if _number(credits) else None,
        competency=_competency(achievement.get("alignment")),
        awarded_on=awarded.astimezone(zone).date() if awarded else None,
        issued_on=issued.astimezone(zone).date() if issued else None,
        issuer_name=issuer_name,
    )


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _competency(alignments: object) -> str | None:
    for alignment in alignments if isinstance(alignments, list) else []:
        if isinstance(alignment, dict) and alignment.get("targetType") == COMPETENCY_TARGET:
            return _text(alignment.get("targetName"))
    return None
