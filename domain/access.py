"""The acting person and the reach of their roles. Scope checks live here, tested without I/O."""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import Forbidden, NotFound
from domain.roles import ROLES_ONLY_SUPERADMIN_GRANTS, Role


def unit_path(ancestor_path: str | None, unit_id: int) -> str:
    """Materialised path of a unit: ``/1/5/9/`` for unit 9 under 5 under 1."""
    return f"{ancestor_path or '/'}{unit_id}/"


def ancestor_paths(path: str) -> list[str]:
    """``/5/6/9/`` gives ``/5/``, ``/5/6/`` and ``/5/6/9/``: the units whose managers' scope holds unit 9."""
    ids = path.strip("/").split("/")
    return ["/" + "/".join(ids[:depth]) + "/" for depth in range(1, len(ids) + 1)]


def is_top_unit_path(path: str | None) -> bool:
    """A unit with no parent: a path of one step, ``/5/``."""
    return path is not None and path.count("/") == 2


@dataclass(frozen=True, slots=True)
class Actor:
    person_id: int
    roles: frozenset[Role]
    region_id: int | None
    unit_id: int | None
    unit_path: str | None
    agency_id: int | None = None
    # For the head of an agency only: the paths of all the agency's top units, loaded with the actor
    # (gamification.storage.reach.agency_top_paths). Empty otherwise, and then the reach is one's own unit.
    agency_paths: tuple[str, ...] = ()

    @property
    def is_superadmin(self) -> bool:
        return Role.SUPERADMIN in self.roles

    @property
    def is_admin(self) -> bool:
        return self.is_superadmin or Role.ADMIN in self.roles

    def administers(self, region_id: int | None) -> bool:
        """A region admin acts in their own region; a superadmin everywhere."""
        if self.is_superadmin:
            return True
        return Role.ADMIN in self.roles and region_id is not None and region_id == self.region_id

    @property
    def heads_agency(self) -> bool:
        """The head of an agency (*kepala OPD*): a manager placed in one of the agency's top units."""
        return Role.MANAGER in self.roles and is_top_unit_path(self.unit_path)

    @property
    def managed_paths(self) -> tuple[str, ...]:
        """The unit paths a manager's scope starts from: their own unit, or every top unit of the agency
        they head. Empty for anyone who manages nothing."""
        if Role.MANAGER not in self.roles or not self.unit_path:
            return ()
        if self.heads_agency and self.agency_paths:
            return self.agency_paths
        return (self.unit_path,)

    def manages(self, path: str | None) -> bool:
        """A manager's scope is their unit and everything below it; a head of an agency's, the whole agency."""
        if not path:
            return False
        return any(path.startswith(start) for start in self.managed_paths)

    def administered_region(self, requested: int | None) -> int | None:
        """The region an admin changes things in: the one named, else their own.

        ``None`` (the national level) only for a superadmin; a region admin naming another
        region is refused.
        """
        if self.is_superadmin:
            return requested
        region_id = requested if requested is not None else self.region_id
        if not self.administers(region_id):
            raise Forbidden("outside_region")
        return region_id

    def listable_region(self, requested: int | None) -> int | None:
        """The region an admin's lists cover (``None``: every region, for a superadmin).

        A region admin asking for another region is refused, not given an empty list.
        """
        if self.is_superadmin:
            return requested
        if requested is not None and requested != self.region_id:
            raise Forbidden("outside_region")
        return self.region_id

    def sees_board(
        self, region_id: int | None, agency_id: int | None, unit_path: str | None, own_agency: int | None
    ) -> bool:
        """Whether a board is within reach: the national one always; a region's, agency's or unit's
        when the caller is on it, manages it (a unit in their scope), or administers its region."""
        if region_id is None or self.administers(region_id):
            return True
        if unit_path is not None:
            on_it = self.unit_path is not None and self.unit_path.startswith(unit_path)
            return on_it or self.manages(unit_path)
        if agency_id is not None:
            return agency_id == own_agency
        return region_id == self.region_id

    def is_on_board(
        self, region_id: int | None, agency_id: int | None, unit_path: str | None, own_agency: int | None
    ) -> bool:
        """Whether the caller's own standing belongs on a board (staff of its scope; the national one for all staff)."""
        if self.region_id is None:
            return False
        if region_id is None:
            return True
        if unit_path is not None:
            return self.unit_path is not None and self.unit_path.startswith(unit_path)
        if agency_id is not None:
            return agency_id == own_agency
        return region_id == self.region_id

    def check_decides_for(self, region_id: int | None, unit_path: str | None, person_ids: set[int]) -> None:
        """A decision on someone's request (a redemption, an initiative): never on one's own; by a
        manager whose scope covers the unit, or an admin of its region. Another region's request is
        hidden (404) by the caller before this is asked."""
        if self.person_id in person_ids:
            raise Forbidden("self_decision")
        if not (self.administers(region_id) or self.manages(unit_path)):
            raise Forbidden("decision_out_of_scope")

    def sees_region(self, region_id: int | None) -> bool:
        return self.is_superadmin or (region_id is not None and region_id == self.region_id)


def check_oversees_staff(actor: Actor) -> None:
    """The manager's desk and the JP views: a manager (their unit and below) or an admin, nobody else."""
    if not actor.is_admin and not (actor.unit_path and actor.manages(actor.unit_path)):
        raise Forbidden("manager_required")


def grantable_roles(actor: Actor) -> frozenset[Role]:
    """Every role for a superadmin; a region admin's region-level roles; nothing for anyone else."""
    if actor.is_superadmin:
        return frozenset(Role)
    if actor.is_admin:
        return frozenset(Role) - ROLES_ONLY_SUPERADMIN_GRANTS
    return frozenset()


def may_administer(actor: Actor, target_roles: frozenset[Role], target_region: int | None) -> bool:
    """An admin reads and changes a person of a region they administer whose every role they could grant.

    A person holding a role above the admin's (a superadmin or a partner placed in one of the
    region's units) is out of reach even though their unit is in the region: otherwise a region
    admin could set a superadmin's password and sign in as them. Another region's admin is already
    out of reach by region (a person's region is their unit's).
    """
    return actor.administers(target_region) and target_roles <= grantable_roles(actor)


def check_administers(actor: Actor, target_roles: frozenset[Role], target_region: int | None) -> None:
    """``may_administer``, or why not: another region's people do not exist for this admin (404);
    a person of the region above the admin is known but out of reach (403)."""
    if not actor.administers(target_region):
        raise NotFound("user_not_found")
    if not may_administer(actor, target_roles, target_region):
        raise Forbidden("person_out_of_reach")
