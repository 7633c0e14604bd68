"""Partner organisations: who they are, as Tangkas tells them apart."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.errors import InvalidInput
from domain.jp import parse_jp
from domain.modules import CompetencyType
from domain.text import check_shown_text


class PartnerKind(StrEnum):
    UNIVERSITY = "university"
    GOVERNMENT_TRAINING = "government_training"  # LAN, BPSDM, a ministry's training centre
    TRAINING_BODY = "training_body"
    VENDOR = "vendor"
    OTHER = "other"


MAX_NAME = 160
MAX_ACTIVITY_TITLE = 160
MAX_ACTIVITY_XP = 1_000


@dataclass(frozen=True)
class OrgFields:
    name: str
    kind: PartnerKind
    contact_name: str
    contact_email: str
    contact_phone: str


def check_org(name: str, kind: str, contact_name: str, contact_email: str, contact_phone: str) -> OrgFields:
    """A partner organisation's record, normalised; each broken rule has its own code."""
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("partner_org_name_required")
    if len(name) > MAX_NAME:
        raise InvalidInput("partner_org_name_too_long", max=MAX_NAME)
    check_shown_text(name)
    try:
        parsed_kind = PartnerKind(kind)
    except ValueError:
        raise InvalidInput("partner_org_kind_unknown", allowed=", ".join(PartnerKind)) from None
    contact_email = contact_email.strip()
    if contact_email and ("@" not in contact_email or len(contact_email) > 254):
        raise InvalidInput("partner_org_contact_email")
    contact_phone = contact_phone.strip()
    if len(contact_phone) > 32 or len(" ".join(contact_name.split())) > MAX_NAME:
        raise InvalidInput("partner_org_contact_too_long")
    return OrgFields(name, parsed_kind, " ".join(contact_name.split()), contact_email, contact_phone)


@dataclass(frozen=True)
class ActivityFields:
    title: str
    competency_type: CompetencyType
    jp_centi: int
    xp: int


def check_activity(title: str, competency_type: str, jp: float, xp: int) -> ActivityFields:
    """A registered xAPI activity's crediting: what its completion is worth in JP and XP."""
    title = " ".join(title.split())
    if not title:
        raise InvalidInput("xapi_activity_title_required")
    if len(title) > MAX_ACTIVITY_TITLE:
        raise InvalidInput("xapi_activity_title_too_long", max=MAX_ACTIVITY_TITLE)
    check_shown_text(title)
    try:
        competency = CompetencyType(competency_type)
    except ValueError:
        raise InvalidInput("xapi_activity_competency_type_unknown", allowed=", ".join(CompetencyType)) from None
    if not 0 <= xp <= MAX_ACTIVITY_XP:
        raise InvalidInput("xapi_activity_xp_range", max=MAX_ACTIVITY_XP)
    return ActivityFields(title, competency, parse_jp(jp), xp)
