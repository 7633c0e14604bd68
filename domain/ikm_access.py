"""Who may read the citizens' satisfaction index (IKM) of a service, unit, agency or region. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.access import Actor
from domain.errors import Forbidden, InvalidInput


class IkmScope(StrEnum):
    SERVICE = "service"  # one service point
    UNIT = "unit"  # a unit and every unit below it
    AGENCY = "agency"
    REGION = "region"


def parse_ikm_scope(text: str) -> IkmScope:
    try:
        return IkmScope(text)
    except ValueError:
        raise InvalidInput("ikm_scope_unknown", allowed="service, unit, agency, region") from None


@dataclass(frozen=True)
class IkmPlace:
    """A scope found in the organization: what to filter answers by and whom to let see it."""

    scope: IkmScope
    id: int
    name: str
    region_id: int
    timezone: str
    agency_id: int | None = None
    unit_id: int | None = None  # a service point's unit, or the unit asked for
    unit_path: str | None = None


def check_sees_ikm(actor: Actor, place: IkmPlace) -> None:
    """The region's admins (a superadmin everywhere) see every scope of it; a manager their units and the
    services there, and the whole agency when they head one of its top units; any staff member the IKM of
    their own unit and its services (it is their service's score); nobody another region's."""
    if actor.administers(place.region_id):
        return
    if actor.region_id is not None and actor.region_id == place.region_id:
        if place.scope in (IkmScope.UNIT, IkmScope.SERVICE):
            if actor.manages(place.unit_path) or (actor.unit_id is not None and actor.unit_id == place.unit_id):
                return
        if place.scope is IkmScope.AGENCY and heads_agency(actor, place.id):
            return
    raise Forbidden("ikm_out_of_reach")


def heads_agency(actor: Actor, agency_id: int) -> bool:
    """A manager of one of the agency's top units (a path of one step, ``/5/``)."""
    return actor.heads_agency and actor.agency_id == agency_id
