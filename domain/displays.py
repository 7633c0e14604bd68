"""Office displays: who may put which board on a TV, and how the screen words its ticker. Pure."""

from __future__ import annotations

from domain.access import Actor
from domain.errors import Forbidden, InvalidInput
from domain.leaderboards import Period, Scope
from domain.text import check_shown_text

MAX_NAME = 120
PERIOD_NAMES = {
    Period.WEEK: "Minggu ini",
    Period.MONTH: "Bulan ini",
    Period.YEAR: "Tahun ini",
    Period.ALL: "Sepanjang masa",
}
LAST_PERIOD_NAMES = {
    Period.WEEK: "Juara minggu lalu",
    Period.MONTH: "Juara bulan lalu",
    Period.YEAR: "Juara tahun lalu",
}
SCOPE_NAMES = {Scope.UNIT: "Unit", Scope.AGENCY: "Perangkat Daerah", Scope.REGION: "Daerah", Scope.NATIONAL: "Nasional"}


def check_display_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not 1 <= len(cleaned) <= MAX_NAME:
        raise InvalidInput("display_name_length", max=MAX_NAME)
    return check_shown_text(cleaned)


def check_may_create_display(
    actor: Actor, scope: Scope, region_id: int | None, unit_path: str | None, agency_id: int | None = None
) -> None:
    """An admin for boards of their region (and the national one); a manager for a unit in their scope; the
    head of an agency for their agency's board too."""
    if actor.is_superadmin:
        return
    if actor.is_admin and (region_id is None or actor.administers(region_id)):
        return
    if scope is Scope.UNIT and actor.manages(unit_path):
        return
    if scope is Scope.AGENCY and actor.heads_agency and agency_id is not None and actor.agency_id == agency_id:
        return
    raise Forbidden("display_out_of_reach")


def shown_name(name: str, hidden: bool, unit: str | None) -> str:
    """A person who hid their name is "ASN", with their unit when known."""
    if not hidden:
        return name
    return f"ASN ({unit})" if unit else "ASN"


def ticker_text(kind: str, who: str, label: str, level: str | None) -> str:
    if kind == "module_completion":
        return f"{who} menyelesaikan modul “{label}”"
    if kind == "streak_milestone":
        return f"{who} belajar {level} hari kerja berturut-turut"
    if kind == "badge":
        return f"{who} meraih lencana “{label}”"
    return f"{who}: {label}"
