"""Certificates and training done outside Tangkas: what an ASN records, how a duplicate is recognised,
and what a decider may grant."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from domain.errors import Conflict, InvalidInput
from domain.modules import CompetencyType
from domain.text import check_shown_text

MAX_CLAIM_JP = 100  # a certificate claims and is granted at most this much (a long diklat: PKA, PKP)
# Dashes of every kind, spaces of every kind, dots and slashes: how the same number is typed differently.
NUMBER_NOISE = re.compile(r"[\s\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d./]+")


def has_format_char(text: str) -> bool:
    """A Unicode format character (category Cf: zero-width space, soft hyphen, joiners, BOM, bidi marks)
    draws nothing: ``"SK-001\u200b"`` looks like ``"SK-001"``."""
    return any(unicodedata.category(char) == "Cf" for char in text)


def drop_format_chars(text: str) -> str:
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


class Status(StrEnum):
    SUBMITTED = "submitted"
    RETURNED = "returned"
    VERIFIED = "verified"
    WITHDRAWN = "withdrawn"  # verified, then found false: its JP and XP taken back, its credentials revoked


class Decision(StrEnum):
    VERIFY = "verify"
    RETURN = "return"


DECIDED = {Decision.VERIFY: Status.VERIFIED, Decision.RETURN: Status.RETURNED}
EVIDENCE_CHANGEABLE = frozenset({Status.SUBMITTED, Status.RETURNED})


@dataclass(frozen=True, slots=True)
class CertificateFields:
    issuer: str
    number: str | None
    title: str
    completed_on: dt.date
    jp_claimed_centi: int
    competency_type: CompetencyType

    @property
    def duplicate_key(self) -> str | None:
        """Issuer and number, normalised: None for a record without a number (nothing to compare)."""
        return duplicate_key(self.issuer, self.number)


def normal_issuer(issuer: str) -> str:
    """``"BPSDM  Prov. Kalbar"`` and ``"bpsdm prov. kalbar"`` (or in full-width letters) are one issuer."""
    return " ".join(drop_format_chars(unicodedata.normalize("NFKC", issuer)).casefold().split())


def normal_number(number: str) -> str:
    """``"SK-001/2026"``, ``"sk 001 2026"`` and ``"ＳＫ００１２０２６"`` are one number; digits of any script
    are read as the digits they are."""
    text = NUMBER_NOISE.sub("", drop_format_chars(unicodedata.normalize("NFKC", number))).casefold()
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in text)


def duplicate_key(issuer: str, number: str | None) -> str | None:
    """Global, not per person: a certificate number belongs to one person, so the same issuer and number
    recorded by two people is one of them claiming another's certificate. Only a verified record holds its
    key (unique); open claims carry it to be compared, so nobody blocks a number by claiming it first."""
    if not number:
        return None
    normal = normal_number(number)
    return f"{normal_issuer(issuer)}|{normal}"[:400] if normal else None


def parse_centi_jp(jp: float, code: str) -> int:
    """JP as sent (``2.5``) → hundredths, two decimals at most, within 0..MAX_CLAIM_JP."""
    if not 0 <= jp <= MAX_CLAIM_JP:  # first: 1e308 * 100 is inf, and round(inf) raises
        raise InvalidInput(code, max=MAX_CLAIM_JP)
    centi = round(jp * 100)
    if abs(jp * 100 - centi) > 1e-6 or not 0 <= centi <= MAX_CLAIM_JP * 100:
        raise InvalidInput(code, max=MAX_CLAIM_JP)
    return centi


def check_fields(
    *,
    issuer: str,
    number: str | None,
    title: str,
    completed_on: dt.date,
    jp_claimed: float,
    competency_type: str,
    today: dt.date,
) -> CertificateFields:
    """A record as an ASN (or an import) states it. ``today`` is the person's region's local date: training
    is recorded once done, and for this year or the last (the years whose JP a BKPSDM still reports)."""
    title = " ".join(title.split())
    issuer = " ".join(issuer.split())
    if not 3 <= len(title) <= 160:
        raise InvalidInput("certificate_title_length")
    if not 2 <= len(issuer) <= 160:
        raise InvalidInput("certificate_issuer_length")
    check_shown_text(title)
    check_shown_text(issuer)
    if has_format_char(issuer):
        raise InvalidInput("certificate_issuer_format")
    number = " ".join((number or "").split()) or None
    if number is not None and (len(number) > 64 or has_format_char(number) or not normal_number(number)):
        raise InvalidInput("certificate_number_format")
    if completed_on > today:
        raise InvalidInput("certificate_in_future")
    if completed_on.year < today.year - 1:
        raise InvalidInput("certificate_too_old", earliest=dt.date(today.year - 1, 1, 1).isoformat())
    claimed = parse_centi_jp(jp_claimed, "certificate_jp_range")
    if claimed == 0:
        raise InvalidInput("certificate_jp_range", max=MAX_CLAIM_JP)
    try:
        kind = CompetencyType(competency_type)
    except ValueError:
        raise InvalidInput("certificate_competency_type_unknown", allowed=", ".join(CompetencyType)) from None
    return CertificateFields(issuer, number, title, completed_on, claimed, kind)


def check_grant(claimed_centi: int, jp_granted: float, reason: str) -> int:
    """What a decider grants (0..MAX_CLAIM_JP JP); granting other than claimed needs a reason the ASN reads."""
    granted = parse_centi_jp(jp_granted, "certificate_grant_range")
    if granted != claimed_centi and not reason.strip():
        raise InvalidInput("certificate_grant_reason_required")
    return granted


def parse_decision(raw: str) -> Decision:
    try:
        return Decision(raw)
    except ValueError:
        raise InvalidInput("decision_unknown", allowed=", ".join(Decision)) from None


def check_decidable(current: Status) -> None:
    """A decision is taken on a submitted record, once; a returned one is resubmitted first."""
    if current is not Status.SUBMITTED:
        raise Conflict("already_decided", status=current.value)


def check_return_reason(reason: str) -> str:
    if not reason.strip():
        raise InvalidInput("certificate_return_reason_required")
    return reason.strip()


def check_withdraw_reason(reason: str) -> str:
    """Why a verified record is found false: the owner is told, so it is never empty."""
    if not reason.strip():
        raise InvalidInput("certificate_withdraw_reason_required")
    return reason.strip()
