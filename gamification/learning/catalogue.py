"""The learner's catalogue: published modules of their region and national ones, with their progress."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from piccolo.query.functions.aggregate import Max

from domain.access import Actor
from domain.errors import InvalidInput, NotFound
from domain.jp import jp_value
from domain.modules import TOPIC_PATTERN, CompetencyType, ModuleStatus, topics_list
from gamification.learning.module_store import ModuleDetail, module_detail, version_row
from gamification.storage.kept import Kept
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.tables import Attempt, Completion, Module
from gamification.storage.text_search import contains


class Progress(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"  # attempted, not passed yet
    COMPLETED = "completed"


@dataclass(frozen=True)
class ModuleCard:
    """A compact catalogue item for a phone on a weak connection."""

    id: int
    title: str
    summary: str
    competency_type: str
    topics: list[str]
    value: str | None
    provider: str
    estimated_minutes: int
    jp: float
    xp: int
    version: int
    progress: str
    best_score: int | None


@dataclass(frozen=True)
class CatalogueFilter:
    topic: str | None = None
    competency_type: str | None = None
    text: str | None = None
    progress: str | None = None


def visible_to(actor: Actor):
    """Modules a learner may see: their region's and the national ones."""
    national = Module.region.is_null()
    return national if actor.region_id is None else national | (Module.region == actor.region_id)


class Catalogue:
    async def list(self, actor: Actor, page: PageRequest, wanted: CatalogueFilter) -> Page[ModuleCard]:
        query = Module.select(
            Module.id,
            Module.title,
            Module.summary,
            Module.competency_type,
            Module.topics,
            Module.value,
            Module.provider,
            Module.estimated_minutes,
            Module.jp_centi,
            Module.xp,
            Module.version,
        ).where(visible_to(actor), Module.status == ModuleStatus.PUBLISHED.value)
        if wanted.topic:
            topic = wanted.topic.strip().lower()
            if not TOPIC_PATTERN.fullmatch(topic):
                raise InvalidInput("module_topic_format", topic=topic[:40])
            query = query.where(Module.topics.like(f"%;{topic};%"))
        if wanted.competency_type:
            try:
                query = query.where(Module.competency_type == CompetencyType(wanted.competency_type).value)
            except ValueError:
                raise InvalidInput("module_competency_type_unknown") from None
        if wanted.text and wanted.text.strip():
            query = query.where(contains(Module.title, wanted.text) | contains(Module.summary, wanted.text))
        if wanted.progress:
            query = query.where(_progress_is(actor.person_id, wanted.progress))
        if page.after_id is not None:
            query = query.where(Module.id < page.after_id)
        rows = await query.order_by(Module.id, ascending=False).limit(page.limit + 1)
        progress = await _progress_of(actor.person_id, [row["id"] for row in rows])
        cards = [
            ModuleCard(
                id=row["id"],
                title=row["title"],
                summary=row["summary"],
                competency_type=row["competency_type"],
                topics=topics_list(row["topics"]),
                value=row["value"],
                provider=row["provider"],
                estimated_minutes=row["estimated_minutes"],
                jp=jp_value(row["jp_centi"]),
                xp=row["xp"],
                version=row["version"],
                progress=progress.get(row["id"], (Progress.NOT_STARTED, None))[0].value,
                best_score=progress.get(row["id"], (Progress.NOT_STARTED, None))[1],
            )
            for row in rows
        ]
        return page_of(cards, page, lambda card: card.id)

    async def read(self, actor: Actor, module_id: int, held: set[str]) -> tuple[ModuleDetail | None, str]:
        """The module's content and its tag; no content (None) when the phone ``held`` the current tag (or "*").

        The tag is a hash of everything a learner sees, ids included: content read once is kept by its
        tag, so a module opened again costs the read of its tag only."""
        module = await _visible_module(actor, module_id)
        digest = module["content_hash"]
        if digest in held or "*" in held:
            return None, digest
        detail = _DETAILS.get(digest)
        if detail is None:
            detail = _DETAILS.keep(digest, await module_detail(module, await version_row(module_id, module["version"])))
        return detail, digest


_DETAILS: Kept[str, ModuleDetail] = Kept(limit=2_000)  # by content hash: what a hash names never changes


async def _visible_module(actor: Actor, module_id: int) -> dict:
    module = (
        await Module.select()
        .where(Module.id == module_id, visible_to(actor), Module.status == ModuleStatus.PUBLISHED.value)
        .first()
    )
    if module is None:
        raise NotFound("module_not_found")
    return module


def _progress_is(person_id: int, raw: str):
    try:
        progress = Progress(raw)
    except ValueError:
        raise InvalidInput("progress_unknown") from None
    completed = Module.id.is_in(Completion.select(Completion.module).where(Completion.person == person_id))
    attempted = Module.id.is_in(Attempt.select(Attempt.module).where(Attempt.person == person_id))
    if progress is Progress.COMPLETED:
        return completed
    if progress is Progress.IN_PROGRESS:
        return attempted & Module.id.not_in(Completion.select(Completion.module).where(Completion.person == person_id))
    return Module.id.not_in(Attempt.select(Attempt.module).where(Attempt.person == person_id))


async def _progress_of(person_id: int, module_ids: list[int]) -> dict[int, tuple[Progress, int | None]]:
    if not module_ids:
        return {}
    best = (
        await Attempt.select(Attempt.module, Max(Attempt.score, alias="best"))
        .where((Attempt.person == person_id) & Attempt.module.is_in(module_ids))
        .group_by(Attempt.module)
    )
    completed = {
        row["module"]
        for row in await Completion.select(Completion.module).where(
            (Completion.person == person_id) & Completion.module.is_in(module_ids)
        )
    }
    return {
        row["module"]: (Progress.COMPLETED if row["module"] in completed else Progress.IN_PROGRESS, row["best"])
        for row in best
    }
