"""The demo's innovations: each region's own, walked through the real states by the initiative service
(submitted → approved → implemented → verified), so that the showcase has verified work and its
teams their XP from the points engine."""

from __future__ import annotations

from domain.access import Actor
from domain.roles import Role, parse_roles
from gamification.demo.content_files import HISTORY, INITIATIVE_STEPS, DemoInitiative
from gamification.innovation.initiatives import Initiatives
from gamification.storage.tables import Initiative, Person, Region

CLIENT_PREFIX = "demo-inovasi"


async def seed_initiatives(initiatives: Initiatives) -> int:
    """Every region's demo initiatives, once: nothing is added when one of them exists already."""
    if await Initiative.exists().where(Initiative.client_id.like(f"{CLIENT_PREFIX}-%")):
        return 0
    walked = 0
    for region in await Region.select(Region.id, Region.slug).order_by(Region.id):
        people = await _people(region["id"])
        admin = next(actor for actor in people if actor.is_admin)
        managers = [actor for actor in people if Role.MANAGER in actor.roles]
        taken: set[int] = set()
        for number, demo in enumerate(HISTORY.initiatives):
            manager = managers[number % len(managers)]
            team = [a for a in people if _staff_under(a, manager) and a.person_id not in taken][:2]
            taken.update(a.person_id for a in team)
            await _walk(initiatives, demo, f"{CLIENT_PREFIX}-{region['slug']}-{number + 1}", team, manager, admin)
            walked += 1
    return walked


async def _walk(
    initiatives: Initiatives, demo: DemoInitiative, client_id: str, team: list[Actor], manager: Actor, admin: Actor
) -> None:
    author = team[0]
    view, _ = await initiatives.create(
        author,
        title=demo.title,
        problem=demo.problem,
        solution=demo.solution,
        category=demo.category,
        unit_id=author.unit_id,
        team=[member.person_id for member in team[1:]],
        client_id=client_id,
    )
    steps = INITIATIVE_STEPS[: INITIATIVE_STEPS.index(demo.status) + 1]
    await initiatives.submit(author, view.id, "Mohon ditinjau.")
    if "approved" in steps:
        await initiatives.review(manager, view.id, "approve", "Disetujui, silakan dilaksanakan.")
    if "implemented" in steps:
        await initiatives.report(author, view.id, demo.summary, demo.metrics or {}, [])
    if "verified" in steps:
        await initiatives.verify(admin, view.id, "verify", demo.impact, "Dampak terverifikasi oleh BKPSDM.")


async def _people(region_id: int) -> list[Actor]:
    rows = await Person.select(
        Person.id, Person.roles, Person.region, Person.unit, Person.unit.path, Person.unit.agency
    ).where((Person.region == region_id) & Person.unit.is_not_null() & (Person.active == True))  # noqa: E712
    return [
        Actor(row["id"], parse_roles(row["roles"]), row["region"], row["unit"], row["unit.path"], row["unit.agency"])
        for row in sorted(rows, key=lambda row: row["id"])
    ]


def _staff_under(actor: Actor, manager: Actor) -> bool:
    """Staff (no other role) in the manager's unit or below."""
    return actor.roles == frozenset({Role.ASN}) and manager.manages(actor.unit_path)
