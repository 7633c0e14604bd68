"""Demo data for the four places of the source essays: safe to run twice (get-or-create by natural keys)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from domain.access import Actor, unit_path
from domain.roles import Role
from gamification.boards.displays import token_hash
from gamification.demo.activity import seed_activity
from gamification.demo.content_files import DEMO_BADGES, DEMO_MODULES, NAMES, PLACES, REWARDS
from gamification.demo.history import seed_history, streaks_and_badges
from gamification.demo.innovations import seed_initiatives
from gamification.identity.passwords import hash_password
from gamification.innovation.initiatives import Initiatives
from gamification.learning.attempts import AttemptService
from gamification.learning.authoring import ModuleAuthoring
from gamification.organization.national_holidays import add_national_holidays
from gamification.points.awarding import Awarding
from gamification.storage.database import unit_of_work
from gamification.storage.tables import Agency, Attempt, Badge, Display, Module, Person, Region, Reward, Unit

DEMO_PASSWORD = "tangkas-demo"
STAFF_PER_REGION = 55


def demo_nip(rng: random.Random, serial: int) -> str:
    birth = dt.date(1968, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 30))
    appointed_year = min(birth.year + rng.randint(21, 30), 2024)
    return f"{birth:%Y%m%d}{appointed_year}{rng.randint(1, 12):02d}{rng.choice((1, 2))}{serial % 1000:03d}"


async def seed_demo(
    attempts: AttemptService, awarding: Awarding, progress: Callable[[str], None] = lambda _: None
) -> dict:
    """``awarding`` is the one the attempt service uses: the history is awarded to the same boards."""
    rng = random.Random(20261123)
    password_hash = await hash_password(DEMO_PASSWORD)
    existing = set(await Person.select(Person.email).output(as_list=True))
    existing |= set(await Person.select(Person.nip).output(as_list=True))
    summary = {"regions": 0, "people": 0}
    serial = 0
    async with unit_of_work():
        await _person(
            existing, password_hash, "Superadmin Tangkas", None, "superadmin@tangkas.demo", None, "superadmin"
        )
        summary["superadmin"] = "superadmin@tangkas.demo"
        for region in PLACES.regions:
            region_name, slug = region.name, region.slug
            progress(f"  wilayah {region_name} ...")
            region_id = await _get_or_create(
                Region, {Region.slug: slug}, name=region_name, slug=slug, timezone=region.timezone
            )
            await add_national_holidays(region_id)
            units = await _agencies(region_id)
            summary["regions"] += 1
            admin_email = f"admin.{slug}@tangkas.demo"
            bkpsdm_unit = units["BKPSDM"][0]
            await _person(
                existing,
                password_hash,
                f"Admin BKPSDM {region_name}",
                None,
                admin_email,
                bkpsdm_unit,
                "admin;asn",
                demo_nip(rng, 0),
                region_id,
            )
            for agency_name, unit_ids in units.items():
                head = unit_ids[0]
                short = agency_name.split()[-1].lower()
                manager_email = f"manajer.{short}.{slug}@tangkas.demo"
                serial += 1
                await _person(
                    existing,
                    password_hash,
                    f"Kepala {agency_name}",
                    None,
                    manager_email,
                    head,
                    "manager;asn",
                    demo_nip(rng, serial),
                    region_id,
                )
                summary.setdefault("manager", manager_email)
            all_units = [u for ids in units.values() for u in ids]
            for index in range(STAFF_PER_REGION):
                serial += 1
                name = f"{rng.choice(NAMES.first)} {rng.choice(NAMES.last)}"
                nip = demo_nip(rng, serial)
                created = await _person(
                    existing, password_hash, name, nip, None, all_units[index % len(all_units)], "asn", None, region_id
                )
                summary["people"] += created
                summary.setdefault("asn", nip)
            summary.setdefault("admin", admin_email)
    summary["people"] = await Person.count()
    progress("  modul pembelajaran ...")
    summary["modules"] = await _modules()
    progress("  lencana ...")
    summary["badges"] = await _badges()
    progress("  katalog hadiah ...")
    summary["rewards"] = await _rewards()
    summary |= await _learning(attempts, awarding, rng, progress)
    summary["display"] = await _display()
    return summary


async def _learning(attempts: AttemptService, awarding: Awarding, rng: random.Random, progress) -> dict:
    """A year of learning, the last ten days live, and the innovations: once, on a demo without attempts."""
    if await Attempt.exists():
        return {"attempts": 0, "history": {"completions": 0, "certificates": 0}, "initiatives": 0}
    now = dt.datetime.now(dt.timezone.utc)
    progress("  riwayat belajar setahun (modul dan sertifikat) ...")
    history = await seed_history(awarding.follow, rng, now)
    progress("  belajar sepuluh hari terakhir ...")
    attempts_made = await seed_activity(attempts, rng, now)
    progress("  runtunan dan lencana dari riwayat ...")
    await streaks_and_badges(awarding.follow, now)
    progress("  inovasi ...")
    walked = await seed_initiatives(Initiatives(awarding))
    return {"attempts": attempts_made, "history": history, "initiatives": walked}


async def _badges() -> int:
    existing = set(await Badge.select(Badge.code).output(as_list=True))
    new = [Badge(**fields) for fields in DEMO_BADGES if fields["code"] not in existing]
    if new:
        await Badge.insert(*new)
    return await Badge.count()


async def _modules() -> int:
    """Publish the demo modules not there yet (by title), each national or in its one region."""
    authoring = ModuleAuthoring()
    superadmin = await Person.select(Person.id).where(Person.email == "superadmin@tangkas.demo").first()
    seeder = Actor(superadmin["id"], frozenset({Role.SUPERADMIN}), region_id=None, unit_id=None, unit_path=None)
    region_ids = {region.slug: await _get_or_create(Region, {Region.slug: region.slug}) for region in PLACES.regions}
    existing = set(await Module.select(Module.title).output(as_list=True))
    for demo in DEMO_MODULES:
        if demo.fields["title"] in existing:
            continue
        region_id = region_ids[demo.region] if demo.region else None
        module = await authoring.create(seeder, demo.fields, region_id)
        await authoring.publish(seeder, module.id)
    return await Module.count()


async def _get_or_create(table, natural_key: dict, **values) -> int:
    query = table.select(table.id)
    for column, value in natural_key.items():
        query = query.where(column == value)
    row = await query.first()
    if row:
        return row["id"]
    return (await table.insert(table(**values)).returning(table.id))[0]["id"]


async def _agencies(region_id: int) -> dict[str, list[int]]:
    """Each agency's units, the head unit first."""
    result = {}
    for agency in PLACES.agencies:
        agency_id = await _get_or_create(
            Agency, {Agency.region: region_id, Agency.name: agency.name}, region=region_id, name=agency.name
        )
        unit_ids = []
        for unit in agency.units:
            parent_id = await _unit(agency_id, region_id, None, "/", unit.name)
            unit_ids.append(parent_id)
            parent_path = unit_path(None, parent_id)
            for child in unit.sub_units:
                unit_ids.append(await _unit(agency_id, region_id, parent_id, parent_path, child))
        result[agency.name] = unit_ids
    return result


async def _unit(agency_id: int, region_id: int, parent_id: int | None, parent_path: str, name: str) -> int:
    unit_id = await _get_or_create(
        Unit,
        {Unit.agency: agency_id, Unit.name: name},
        agency=agency_id,
        region=region_id,
        parent=parent_id,
        name=name,
        path="",
    )
    await Unit.update({Unit.path: unit_path(parent_path, unit_id)}).where(Unit.id == unit_id)
    return unit_id


async def _person(
    existing: set,
    password_hash: str,
    name: str,
    nip: str | None,
    email: str | None,
    unit_id: int | None,
    roles: str,
    own_nip: str | None = None,
    region_id: int | None = None,
) -> int:
    nip = nip or own_nip
    if (email and email in existing) or (nip and nip in existing):
        return 0
    await Person.insert(
        Person(
            name=name,
            nip=nip,
            email=email,
            staff_type="PNS" if nip else None,
            unit=unit_id,
            region=region_id,
            roles=roles,
            password_hash=password_hash,
        )
    )
    existing.update(v for v in (nip, email) if v)
    return 1


DEMO_DISPLAY_TOKEN = "demo-layar-kota-pontianak"  # as public as the demo password: demo data only


async def _display() -> str:
    """An office display of Kota Pontianak's board; its address goes in the demo banner."""
    hashed = token_hash(DEMO_DISPLAY_TOKEN)
    if not await Display.exists().where(Display.token_hash == hashed):
        region = await Region.select(Region.id).where(Region.slug == "pontianak").first()
        async with unit_of_work():
            await Display.insert(
                Display(
                    region=region["id"],
                    scope="region",
                    scope_id=region["id"],
                    name="Papan Peringkat Kota Pontianak",
                    token_hash=hashed,
                )
            )
    return f"/display/{DEMO_DISPLAY_TOKEN}"


async def _rewards() -> int:
    """A small catalogue: national rewards, and each region's own (safe to run twice)."""
    regions = await Region.select(Region.id).output(as_list=True)
    wanted = [(None, reward) for reward in REWARDS.national]
    wanted += [(region_id, reward) for region_id in regions for reward in REWARDS.regional]
    async with unit_of_work():
        for region_id, reward in wanted:
            same = Reward.region.is_null() if region_id is None else Reward.region == region_id
            if not await Reward.exists().where(same & (Reward.name == reward["name"])):
                await Reward.insert(Reward(region=region_id, **reward))
    return await Reward.count()
