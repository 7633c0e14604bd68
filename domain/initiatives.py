"""The innovation-reward scheme as rules: states and who moves an initiative between them. Pure.

draft → submitted → approved | rejected | needs_revision (→ submitted);
approved → implemented (evidence) → verified | returned (→ implemented).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.access import Actor
from domain.errors import Conflict, Forbidden, InvalidInput
from domain.text import check_shown_text

MAX_TEAM = 20
MAX_LINKS = 10


class Category(StrEnum):
    SERVICE_DIGITISATION = "service_digitisation"
    DATA = "data"
    AUTOMATION = "automation"
    CITIZEN_CHANNEL = "citizen_channel"
    OTHER = "other"


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    NEEDS_REVISION = "needs_revision"
    IMPLEMENTED = "implemented"
    VERIFIED = "verified"
    RETURNED = "returned"


class Impact(StrEnum):
    UNIT = "unit"
    AGENCY = "agency"
    REGION = "region"
    NATIONAL = "national"


SHOWCASE = (Status.IMPLEMENTED, Status.VERIFIED)  # visible in every region
REVIEW = {"approve": Status.APPROVED, "reject": Status.REJECTED, "revise": Status.NEEDS_REVISION}
VERIFY = {"verify": Status.VERIFIED, "return": Status.RETURNED}
# who may move from which states: the team, or a decider
BY_TEAM = {
    Status.SUBMITTED: (Status.DRAFT, Status.NEEDS_REVISION),
    Status.IMPLEMENTED: (Status.APPROVED, Status.RETURNED),
}
BY_DECIDER = {status: (Status.SUBMITTED,) for status in REVIEW.values()} | {
    status: (Status.IMPLEMENTED,) for status in VERIFY.values()
}
EDITABLE = (Status.DRAFT, Status.NEEDS_REVISION)
# The team adds or removes evidence files while it still works on the initiative: while it may edit
# it, and once approved until its report is under verification (or returned for better evidence).
EVIDENCE_CHANGEABLE = (*EDITABLE, *BY_TEAM[Status.IMPLEMENTED])
MAX_EVIDENCE = 10


@dataclass(frozen=True)
class InitiativeFields:
    title: str
    problem: str
    solution: str
    category: Category


def check_fields(title: str, problem: str, solution: str, category: str) -> InitiativeFields:
    return InitiativeFields(check_title(title), check_text(problem), check_text(solution), check_category(category))


def check_title(title: str) -> str:
    title = " ".join(title.split())
    if not 3 <= len(title) <= 160:
        raise InvalidInput("initiative_title_length")
    check_shown_text(title)
    return title


def check_text(text: str) -> str:
    if not 10 <= len(text.strip()) <= 4000:
        raise InvalidInput("initiative_text_length")
    return text.strip()


def check_category(category: str) -> Category:
    try:
        return Category(category)
    except ValueError:
        raise InvalidInput("initiative_category_unknown", allowed=", ".join(Category)) from None


EDIT_CHECKS = {"title": check_title, "problem": check_text, "solution": check_text, "category": check_category}


def check_edit(changes: dict) -> dict:
    """The fields a partial edit sends, checked as when created; a field sent as null is refused (every field
    of an initiative has a value)."""
    checked = {}
    for name, value in changes.items():
        if value is None:
            raise InvalidInput("initiative_field_required", field=name)
        checked[name] = check_team(value) if name == "team" else EDIT_CHECKS[name](value)
    return checked


def check_team(team: list[int]) -> list[int]:
    if len(team) > MAX_TEAM or len(set(team)) != len(team):
        raise InvalidInput("initiative_team_size", max=MAX_TEAM)
    return team


def parse_choice(raw: str, choices: dict[str, Status]) -> Status:
    if raw not in choices:
        raise InvalidInput("decision_unknown", allowed=", ".join(choices))
    return choices[raw]


def parse_impact(raw: str | None) -> Impact:
    try:
        return Impact(raw)
    except ValueError:
        raise InvalidInput("initiative_impact_unknown", allowed=", ".join(Impact)) from None


def check_move(current: Status, target: Status, by_team: bool) -> None:
    allowed = (BY_TEAM if by_team else BY_DECIDER).get(target, ())
    if current not in allowed:
        raise Conflict("initiative_wrong_state", status=current.value)


def check_may_verify(actor: Actor, impact: Impact, region_id: int, agency_id: int, own_agency: int | None) -> None:
    """Impact above the unit needs a decider at that level: the agency's head (a manager of one of its
    top units) or the region's admin; the region's admin; a superadmin for national impact."""
    if impact is Impact.UNIT:
        return
    if impact is Impact.AGENCY:
        if actor.administers(region_id) or (actor.heads_agency and own_agency == agency_id):
            return
    elif impact is Impact.REGION and actor.administers(region_id):
        return
    elif impact is Impact.NATIONAL and actor.is_superadmin:
        return
    raise Forbidden("impact_out_of_reach", impact=impact.value)


def check_replicator(actor: Actor, team: set[int]) -> None:
    """A replication pays the team: one of its members recording it would pay themselves."""
    if actor.person_id in team:
        raise Forbidden("self_decision")


def replication_credited(recorded_this_month: int, credits_per_month: int) -> bool:
    """Whether a replication earns the team XP: the first ``credits_per_month`` of an initiative in a
    month do; later ones are recorded without XP, so that units created or run by one decider cannot
    turn one initiative into unbounded XP."""
    return recorded_this_month < credits_per_month
