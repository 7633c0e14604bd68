"""Badges: the catalogue a person can earn, and awarding them once (with the reason) when earned."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from piccolo.query.functions.aggregate import Count, Sum

from domain.access import Actor
from domain.badges import CompletionFact, LearnerNumbers, check_criteria, evidence
from domain.errors import Conflict, InvalidInput
from domain.modules import TOPIC_PATTERN, topics_list
from domain.rules import FactKind
from domain.text import check_shown_text
from domain.timezones import local_year
from gamification.notifications.inbox import notify_all
from gamification.storage.administered import administered_region
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.json_column import loaded
from gamification.storage.regions import people_placed
from gamification.storage.tables import Badge, Completion, Fact, JpCredit, PersonBadge, Streak

AWARDS_PER_STATEMENT = 1_000  # within SQLite's 32,766 parameters for a notification's 12 bound columns


@dataclass(frozen=True)
class BadgeView:
    code: str
    name: str
    description: str
    value: str | None
    criteria: dict


@dataclass(frozen=True)
class EarnedBadge:
    code: str
    name: str
    description: str
    awarded_at: dt.datetime
    period_key: str
    reason: dict
    id: int  # the award's: credentials (POST /me/badges/{award_id}/credential)


def visible_in(region_ids: list[int]):
    """The national badges and those of these regions."""
    national = Badge.region.is_null()
    return national | Badge.region.is_in(region_ids) if region_ids else national


def visible_badges(region_id: int | None):
    return visible_in([] if region_id is None else [region_id])


async def award_badges(person_id: int) -> list[dict]:
    """Award every badge the person now meets and does not hold; call inside a unit of work."""
    return (await award_badges_to([person_id])).get(person_id, [])


async def award_badges_to(person_ids: list[int]) -> dict[int, list[dict]]:
    """``award_badges`` for many people, read in a handful of statements whatever their number; call inside a
    unit of work (after their streaks are brought up to date: the longest decides streak badges)."""
    placed = await people_placed(person_ids)
    if not placed:
        return {}
    ids = sorted(placed)
    held = {
        (r["person"], r["badge"])
        for r in await PersonBadge.select(PersonBadge.person, PersonBadge.badge).where(PersonBadge.person.is_in(ids))
    }
    regions = sorted({row["region"] for row in placed.values() if row["region"] is not None})
    badges = await Badge.select().where(Badge.active == True, visible_in(regions)).order_by(Badge.id)  # noqa: E712
    candidates = {
        p: [b for b in badges if b["region"] in (None, placed[p]["region"]) and (p, b["id"]) not in held] for p in ids
    }
    numbers = await learner_numbers({p: placed[p]["timezone"] for p in ids if candidates[p]})
    return await _award({p: _met(candidates[p], numbers[p]) if candidates[p] else [] for p in ids})


async def learner_numbers(timezones: dict[int, str]) -> dict[int, LearnerNumbers]:
    """The numbers badges are decided by, for each person (with their region's time zone: this year's JP)."""
    if not timezones:
        return {}
    ids = sorted(timezones)
    completions: dict[int, list[CompletionFact]] = {p: [] for p in ids}
    for c in (
        await Completion.select(
            Completion.person,
            Completion.id,
            Completion.topics,
            Completion.competency_type,
            Completion.first_attempt,
            Completion.score,
        )
        .where(Completion.person.is_in(ids))
        .order_by(Completion.id)
    ):
        completions[c["person"]].append(
            CompletionFact(
                c["id"],
                frozenset(topics_list(c["topics"])),
                c["competency_type"],
                c["first_attempt"] and c["score"] == 100,
            )
        )
    years = {p: local_year(zone) for p, zone in timezones.items()}
    jp = {
        r["person"]: int(r["jp"] or 0)
        for r in await JpCredit.select(JpCredit.person, JpCredit.year, Sum(JpCredit.jp_centi, alias="jp"))
        .where(JpCredit.person.is_in(ids), JpCredit.year.is_in(sorted(set(years.values()))))
        .group_by(JpCredit.person, JpCredit.year)
        if r["year"] == years[r["person"]]
    }
    longest = {
        r["person"]: r["longest"]
        for r in await Streak.select(Streak.person, Streak.longest).where(Streak.person.is_in(ids))
    }
    initiatives = {
        r["person"]: int(r["count"])
        for r in await Fact.select(Fact.person, Count(alias="count"))
        .where(Fact.person.is_in(ids), Fact.kind == FactKind.INITIATIVE_VERIFIED.value)
        .group_by(Fact.person)
    }
    return {
        p: LearnerNumbers(
            completions=completions[p],
            jp_year_centi=jp.get(p, 0),
            longest_streak=longest.get(p, 0),
            initiatives=initiatives.get(p, 0),
        )
        for p in ids
    }


async def _award_met(person_id: int, candidates: list[dict], numbers: LearnerNumbers) -> list[dict]:
    return (await _award({person_id: _met(candidates, numbers)}))[person_id]


def _met(candidates: list[dict], numbers: LearnerNumbers) -> list[tuple[dict, dict]]:
    """The candidate badges the numbers meet, each with its reason."""
    met = ((badge, evidence(loaded(badge["criteria"]), numbers)) for badge in candidates)
    return [(badge, reason) for badge, reason in met if reason is not None]


async def _award(met: dict[int, list[tuple[dict, dict]]]) -> dict[int, list[dict]]:
    """Each person's badges met, with their notices, in two statements for everyone."""
    awards = [(p, badge, reason) for p in sorted(met) for badge, reason in met[p]]
    for start in range(0, len(awards), AWARDS_PER_STATEMENT):
        some = awards[start : start + AWARDS_PER_STATEMENT]
        await PersonBadge.insert(
            *[PersonBadge(person=p, badge=badge["id"], period_key="", reason=reason) for p, badge, reason in some]
        )
        await notify_all([badge_notice(p, badge["code"], badge["name"]) for p, badge, _ in some])
    return {p: [{"code": badge["code"], "name": badge["name"]} for badge, _ in met[p]] for p in met}


async def award_learner_badges(person_id: int, region_id: int, timezone: str, longest_streak: int) -> list[dict]:
    """``award_badges`` after a completion whose streak is known, reading in one statement the badges the
    person could still earn and the numbers that decide them; call inside a unit of work."""
    rows = await Badge.raw(
        "SELECT 'badge' AS row_kind, b.id, b.code AS text1, b.name AS text2, b.criteria AS criteria, 0 AS number"
        " FROM badge b WHERE b.active = {} AND (b.region IS NULL OR b.region = {})"
        " AND NOT EXISTS (SELECT 1 FROM person_badge pb WHERE pb.person = {} AND pb.badge = b.id)"
        " UNION ALL SELECT 'completion', c.id, c.competency_type, c.topics, NULL,"
        " CASE WHEN c.first_attempt AND c.score = 100 THEN 1 ELSE 0 END FROM completion c WHERE c.person = {}"
        " UNION ALL SELECT 'jp', NULL, NULL, NULL, NULL, COALESCE(SUM(j.jp_centi), 0) FROM jp_credit j"
        " WHERE j.person = {} AND j.year = {}"
        " UNION ALL SELECT 'initiatives', NULL, NULL, NULL, NULL, COUNT(*) FROM fact f WHERE f.person = {} AND f.kind = {}",
        True,
        region_id,
        person_id,
        person_id,
        person_id,
        local_year(timezone),
        person_id,
        FactKind.INITIATIVE_VERIFIED.value,
    )
    by_kind: dict[str, list[dict]] = {}
    for row in rows:
        by_kind.setdefault(row["row_kind"], []).append(row)
    candidates = [
        {"id": r["id"], "code": r["text1"], "name": r["text2"], "criteria": r["criteria"]}
        for r in sorted(by_kind.get("badge", []), key=lambda r: r["id"])
    ]
    if not candidates:
        return []
    numbers = LearnerNumbers(
        completions=[
            CompletionFact(r["id"], frozenset(topics_list(r["text2"])), r["text1"], bool(r["number"]))
            for r in sorted(by_kind.get("completion", []), key=lambda r: r["id"])
        ],
        jp_year_centi=int(by_kind["jp"][0]["number"]),
        longest_streak=longest_streak,
        initiatives=int(by_kind["initiatives"][0]["number"]),
    )
    return await _award_met(person_id, candidates, numbers)


async def notify_badge(person_id: int, code: str, name: str, period_key: str = "") -> None:
    await notify_all([badge_notice(person_id, code, name, period_key)])


def badge_notice(person_id: int, code: str, name: str, period_key: str = "") -> tuple[int, str, str, str, dict]:
    return (
        person_id,
        "badge",
        f"Lencana baru: {name}",
        "Lihat lencana Anda di profil.",
        {"code": code, "period_key": period_key},
    )


class Badges:
    async def create(
        self,
        actor: Actor,
        *,
        code: str,
        name: str,
        description: str,
        value: str | None,
        criteria: dict,
        region_id: int | None,
    ) -> BadgeView:
        """A region admin adds badges for their region; a superadmin without a region, national ones."""
        region_id = await administered_region(actor, region_id)
        if not TOPIC_PATTERN.fullmatch(code) or not name.strip():
            raise InvalidInput("badge_code_format")
        check_shown_text(name.strip())
        checked = check_criteria(criteria)
        try:
            async with unit_of_work():
                await Badge.insert(
                    Badge(
                        region=region_id,
                        code=code,
                        name=name.strip(),
                        description=description.strip(),
                        value=value,
                        criteria=checked,
                    )
                )
        except Exception as error:
            if is_unique_violation(error):
                raise Conflict("badge_code_taken") from None
            raise
        return BadgeView(code, name.strip(), description.strip(), value, checked)

    async def catalogue(self, actor: Actor) -> list[BadgeView]:
        rows = await Badge.select().where(visible_badges(actor.region_id), Badge.active == True).order_by(Badge.id)  # noqa: E712
        return [BadgeView(r["code"], r["name"], r["description"], r["value"], loaded(r["criteria"])) for r in rows]

    async def mine(self, actor: Actor) -> list[EarnedBadge]:
        rows = (
            await PersonBadge.select(
                PersonBadge.id,
                PersonBadge.badge.code,
                PersonBadge.badge.name,
                PersonBadge.badge.description,
                PersonBadge.awarded_at,
                PersonBadge.period_key,
                PersonBadge.reason,
            )
            .where(PersonBadge.person == actor.person_id)
            .order_by(PersonBadge.id, ascending=False)
        )
        reasons = [loaded(r["reason"]) for r in rows]
        modules = await _modules_of([c for reason in reasons for c in reason.get("completions", [])])
        return [
            EarnedBadge(
                r["badge.code"],
                r["badge.name"],
                r["badge.description"],
                r["awarded_at"],
                r["period_key"],
                _named(reason, modules),
                r["id"],
            )
            for r, reason in zip(rows, reasons, strict=True)
        ]


async def _modules_of(completion_ids: list[int]) -> dict[int, dict]:
    if not completion_ids:
        return {}
    rows = await Completion.select(Completion.id, Completion.module.id, Completion.module.title).where(
        Completion.id.is_in(sorted(set(completion_ids)))
    )
    return {r["id"]: {"id": r["module.id"], "title": r["module.title"]} for r in rows}


def _named(reason: dict, modules: dict[int, dict]) -> dict:
    """A reason as a person reads it: the modules that earned the badge, not the completions' ids."""
    if "completions" not in reason:
        return reason
    named = {key: value for key, value in reason.items() if key != "completions"}
    return named | {"modules": [modules[c] for c in reason["completions"] if c in modules]}
