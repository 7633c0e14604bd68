"""The demo's content, read from the data files in content/ that a BKPSDM can edit, and checked by the domain's rules.

One loader per file. Read once, at import: the files ship inside the package, and a broken one
should stop ``seed-demo`` before it writes anything, with a ``ContentError`` naming the file and entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from domain.badges import check_criteria
from domain.errors import InvalidInput
from domain.initiatives import check_fields as check_initiative
from domain.initiatives import parse_impact
from domain.modules import TOPIC_PATTERN, CompetencyType, CoreValue
from domain.people import normalise_name
from domain.rewards import check_reward
from domain.text import check_shown_text
from domain.timezones import parse_timezone
from gamification.demo.entries import TABLE, TABLES, TEXT, TEXTS, WHOLE, Where, each, fields, read, rules, unique
from gamification.demo.module_files import DemoModule, load_modules
from gamification.organization.structure import SLUG_PATTERN

CONTENT = Path(__file__).with_name("content")


@dataclass(frozen=True)
class DemoRegion:
    name: str
    slug: str
    timezone: str


@dataclass(frozen=True)
class DemoUnit:
    name: str
    sub_units: tuple[str, ...]


@dataclass(frozen=True)
class DemoAgency:
    name: str
    units: tuple[DemoUnit, ...]  # the first is the agency's head unit


@dataclass(frozen=True)
class Places:
    regions: tuple[DemoRegion, ...]
    agencies: tuple[DemoAgency, ...]  # every region has each of them


@dataclass(frozen=True)
class Names:
    first: tuple[str, ...]
    last: tuple[str, ...]


@dataclass(frozen=True)
class Rewards:
    national: tuple[dict, ...]
    regional: tuple[dict, ...]  # every region has its own of each


def load_places(path: Path) -> Places:
    raw, where = read(path), Where(path)
    fields(raw, where, {"regions": TABLES, "agencies": TABLES})
    regions = tuple(_region(region, at) for region, at in each(raw, "regions", where, "region"))
    agencies = tuple(_agency(agency, at) for agency, at in each(raw, "agencies", where, "agency"))
    if not regions or not agencies:
        raise where.error("needs at least one region and one agency")
    unique([region.slug for region in regions], where, "region slug")
    unique([agency.name for agency in agencies], where, "agency")
    return Places(regions, agencies)


def _region(raw: dict, where: Where) -> DemoRegion:
    region = DemoRegion(**fields(raw, where, {"name": TEXT, "slug": TEXT, "timezone": TEXT}))
    with rules(where):
        _shown(region.name)
        parse_timezone(region.timezone)
        if not SLUG_PATTERN.fullmatch(region.slug):
            raise InvalidInput("slug_format")
    return region


def _agency(raw: dict, where: Where) -> DemoAgency:
    fields(raw, where, {"name": TEXT, "units": TABLES})
    units = tuple(_unit(unit, at) for unit, at in each(raw, "units", where, "unit"))
    if not units:
        raise where.error("needs at least one unit, its head unit first")
    with rules(where):
        return DemoAgency(_shown(raw["name"]), units)


def _unit(raw: dict, where: Where) -> DemoUnit:
    fields(raw, where, {"name": TEXT}, {"sub_units": TEXTS})
    with rules(where):
        return DemoUnit(_shown(raw["name"]), tuple(_shown(name) for name in raw.get("sub_units", [])))


def _shown(name: str) -> str:
    if not name.strip():
        raise InvalidInput("name_required")
    return check_shown_text(name)


def load_names(path: Path) -> Names:
    """First and last names, each as a person's name must be; demo staff are named by drawing one of each."""
    raw, where = read(path), Where(path)
    fields(raw, where, {"first_names": TEXTS, "last_names": TEXTS})
    for key in ("first_names", "last_names"):
        if not raw[key]:
            raise where.at(key).error("needs at least one name")
        for number, name in enumerate(raw[key], start=1):
            with rules(where.at(f"{key} {number}")):
                normalise_name(name)
    return Names(tuple(raw["first_names"]), tuple(raw["last_names"]))


def load_badges(path: Path) -> list[dict]:
    """Badges as the ``badge`` table takes them."""
    raw, where = read(path), Where(path)
    fields(raw, where, {"badges": TABLES})
    badges = [_badge(badge, at) for badge, at in each(raw, "badges", where, "badge")]
    unique([badge["code"] for badge in badges], where, "badge code")
    return badges


def _badge(raw: dict, where: Where) -> dict:
    badge = {"description": "", "value": None}
    badge |= fields(raw, where, {"code": TEXT, "name": TEXT, "criteria": TABLE}, {"description": TEXT, "value": TEXT})
    with rules(where.at(badge["code"])):
        if not TOPIC_PATTERN.fullmatch(badge["code"]):
            raise InvalidInput("badge_code_format")
        _shown(badge["name"])
        if badge["value"] is not None and badge["value"] not in set(CoreValue):
            raise InvalidInput("module_value_unknown")
        badge["criteria"] = check_criteria(badge["criteria"])
    return badge


def load_rewards(path: Path) -> Rewards:
    """National rewards, and the ones every region has its own of, as the ``reward`` table takes them."""
    raw, where = read(path), Where(path)
    fields(raw, where, {}, {"national": TABLES, "regional": TABLES})
    national = tuple(_reward(reward, at) for reward, at in each(raw, "national", where, "national reward"))
    regional = tuple(_reward(reward, at) for reward, at in each(raw, "regional", where, "regional reward"))
    unique([reward["name"] for reward in national], where, "national reward")
    unique([reward["name"] for reward in regional], where, "regional reward")
    return Rewards(national, regional)


def _reward(raw: dict, where: Where) -> dict:
    """Without ``stock`` a reward never runs out; without ``per_person_limit`` anyone may take it any number of times."""
    reward = {"stock": None, "per_person_limit": None}
    reward |= fields(
        raw,
        where,
        {"name": TEXT, "kind": TEXT, "cost": WHOLE, "period": TEXT},
        {"stock": WHOLE, "per_person_limit": WHOLE},
    )
    with rules(where.at(reward["name"])):
        check_reward(description="", active_from=None, active_until=None, **reward)
    return reward


PLACES = load_places(CONTENT / "places.toml")
NAMES = load_names(CONTENT / "people.toml")
DEMO_MODULES: list[DemoModule] = load_modules(CONTENT / "modules", {region.slug for region in PLACES.regions})
DEMO_BADGES = load_badges(CONTENT / "badges.toml")
REWARDS = load_rewards(CONTENT / "rewards.toml")


@dataclass(frozen=True)
class Training:
    """A diklat or course done elsewhere, recorded in the demo as a verified certificate."""

    title: str
    issuer: str
    competency_type: str
    jp: int


@dataclass(frozen=True)
class DemoInitiative:
    title: str
    category: str
    problem: str
    solution: str
    status: str  # how far the demo walks it: submitted, approved, implemented or verified
    impact: str | None = None  # verified only
    summary: str = ""  # implemented and verified: the team's report
    metrics: dict | None = None


@dataclass(frozen=True)
class History:
    trainings: tuple[Training, ...]
    initiatives: tuple[DemoInitiative, ...]  # every region has its own of each


INITIATIVE_STEPS = ("submitted", "approved", "implemented", "verified")


def load_history(path: Path) -> History:
    raw, where = read(path), Where(path)
    fields(raw, where, {"trainings": TABLES, "initiatives": TABLES})
    trainings = tuple(_training(training, at) for training, at in each(raw, "trainings", where, "training"))
    initiatives = tuple(_initiative(item, at) for item, at in each(raw, "initiatives", where, "initiative"))
    if not trainings:
        raise where.error("needs at least one training")
    unique([initiative.title for initiative in initiatives], where, "initiative")
    return History(trainings, initiatives)


def _training(raw: dict, where: Where) -> Training:
    training = Training(**fields(raw, where, {"title": TEXT, "issuer": TEXT, "competency_type": TEXT, "jp": WHOLE}))
    with rules(where.at(training.title)):
        _shown(training.title)
        _shown(training.issuer)
        if training.competency_type not in set(CompetencyType):
            raise InvalidInput("competency_type_unknown")
        if not 1 <= training.jp <= 40:
            raise InvalidInput("certificate_jp_range")
    return training


def _initiative(raw: dict, where: Where) -> DemoInitiative:
    required = {"title": TEXT, "category": TEXT, "problem": TEXT, "solution": TEXT, "status": TEXT}
    initiative = DemoInitiative(**fields(raw, where, required, {"impact": TEXT, "summary": TEXT, "metrics": TABLE}))
    with rules(where.at(initiative.title)):
        check_initiative(initiative.title, initiative.problem, initiative.solution, initiative.category)
        if initiative.status not in INITIATIVE_STEPS:
            raise InvalidInput("initiative_status_unknown", allowed=", ".join(INITIATIVE_STEPS))
        verified = initiative.status == "verified"
        if verified != (initiative.impact is not None):
            raise InvalidInput("initiative_impact_required" if verified else "initiative_impact_not_verified")
        if verified:
            parse_impact(initiative.impact)
        reported = INITIATIVE_STEPS.index(initiative.status) >= INITIATIVE_STEPS.index("implemented")
        if reported and not 10 <= len(initiative.summary.strip()) <= 4000:
            raise InvalidInput("initiative_text_length")
    return initiative


HISTORY = load_history(CONTENT / "history.toml")
