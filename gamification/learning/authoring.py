"""Authoring modules: admins for their region, partners for the regions that admitted them,
superadmins for the whole country (a module without a region is national).

A draft is edited in place. Editing a published module makes a new version that learners get
at once; attempts keep the version they were made on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.access import Actor
from domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from domain.jp import jp_value
from domain.modules import ModuleStatus, check_module
from domain.roles import Role
from gamification.learning.module_store import (
    KeyedQuestionView,
    LessonView,
    catalogue_fields,
    content_fields,
    delete_questions,
    keyed_questions,
    refresh_content_hash,
    topics_list,
    version_fields,
    version_row,
    write_questions,
)
from gamification.organization.partners import is_admitted
from gamification.storage.database import unit_of_work
from gamification.storage.pagination import Page, PageRequest, page_of
from gamification.storage.tables import Module, ModuleVersion, Person, Region

NATIONAL_PROVIDER = "Tangkas Nasional"


@dataclass(frozen=True)
class AuthoredModule:
    """An author's view: everything, the answer key included."""

    id: int
    region_id: int | None
    partner_id: int | None
    provider: str
    status: str
    version: int
    title: str
    summary: str
    competency_type: str
    topics: list[str]
    value: str | None
    estimated_minutes: int
    min_seconds: int
    jp: float
    xp: int
    pass_mark: int
    lessons: list[LessonView]
    questions: list[KeyedQuestionView]
    updated_at: dt.datetime
    published_at: dt.datetime | None
    archived_at: dt.datetime | None


@dataclass(frozen=True)
class AuthoredModuleItem:
    id: int
    region_id: int | None
    provider: str
    status: str
    version: int
    title: str
    competency_type: str
    topics: list[str]
    jp: float
    xp: int
    updated_at: dt.datetime


class ModuleAuthoring:
    async def create(self, actor: Actor, fields: dict, region_id: int | None) -> AuthoredModule:
        content = check_module(**fields)
        region_id, partner_id, provider = await self._placement(actor, region_id)
        now = dt.datetime.now(dt.timezone.utc)
        async with unit_of_work():
            inserted = await Module.insert(
                Module(
                    region=region_id,
                    partner=partner_id,
                    provider=provider,
                    status=ModuleStatus.DRAFT.value,
                    version=1,
                    content_hash="",
                    created_by=actor.person_id,
                    created_at=now,
                    updated_at=now,
                    **catalogue_fields(content),
                )
            ).returning(Module.id)
            module_id = inserted[0]["id"]
            version = await ModuleVersion.insert(
                ModuleVersion(module=module_id, version=1, **version_fields(content))
            ).returning(ModuleVersion.id)
            await write_questions(version[0]["id"], content)
            await refresh_content_hash(module_id)
        return await self.get(actor, module_id)

    async def update(self, actor: Actor, module_id: int, fields: dict) -> AuthoredModule:
        content = check_module(**fields)
        now = dt.datetime.now(dt.timezone.utc)
        async with unit_of_work():
            # Touching the row first locks it: two editors of one module take turns.
            await Module.update({Module.updated_at: now}).where(Module.id == module_id)
            module = await self._editable(actor, module_id)
            if module["status"] == ModuleStatus.DRAFT:
                version = await version_row(module_id, module["version"])
                await ModuleVersion.update(version_fields(content)).where(ModuleVersion.id == version["id"])
                await delete_questions(version["id"])
                version_id = version["id"]
            else:
                # The UPDATE takes the row lock first, so two editors get versions n+1 and n+2.
                bumped = (
                    await Module.update({Module.version: Module.version + 1})
                    .where(Module.id == module_id)
                    .returning(Module.version)
                )
                inserted = await ModuleVersion.insert(
                    ModuleVersion(module=module_id, version=bumped[0]["version"], **version_fields(content))
                ).returning(ModuleVersion.id)
                version_id = inserted[0]["id"]
            await write_questions(version_id, content)
            await Module.update(catalogue_fields(content)).where(Module.id == module_id)
            await refresh_content_hash(module_id)
        return await self.get(actor, module_id)

    async def publish(self, actor: Actor, module_id: int) -> AuthoredModule:
        """Publishing is idempotent; an archived module comes back to the catalogue."""
        module = await self._readable(actor, module_id)
        self._check_publisher(actor, module)
        if module["status"] != ModuleStatus.PUBLISHED:
            now = dt.datetime.now(dt.timezone.utc)
            await Module.update(
                {
                    Module.status: ModuleStatus.PUBLISHED.value,
                    Module.published_at: module["published_at"] or now,
                    Module.archived_at: None,
                    Module.updated_at: now,
                }
            ).where(Module.id == module_id)
        return await self.get(actor, module_id)

    async def archive(self, actor: Actor, module_id: int) -> AuthoredModule:
        """Archived modules leave the catalogue; attempts finished before stay valid when synced."""
        module = await self._readable(actor, module_id)
        self._check_publisher(actor, module)
        if module["status"] != ModuleStatus.ARCHIVED:
            now = dt.datetime.now(dt.timezone.utc)
            await Module.update(
                {Module.status: ModuleStatus.ARCHIVED.value, Module.archived_at: now, Module.updated_at: now}
            ).where(Module.id == module_id)
        return await self.get(actor, module_id)

    async def get(self, actor: Actor, module_id: int) -> AuthoredModule:
        module = await self._readable(actor, module_id)
        version = await version_row(module_id, module["version"])
        return AuthoredModule(
            **content_fields(module, version),
            region_id=module["region"],
            partner_id=module["partner"],
            status=module["status"],
            questions=await keyed_questions(version["id"]),
            updated_at=module["updated_at"],
            published_at=module["published_at"],
            archived_at=module["archived_at"],
        )

    async def list(
        self, actor: Actor, page: PageRequest, *, status: str | None = None, region_id: int | None = None
    ) -> Page[AuthoredModuleItem]:
        """A region admin lists their region's modules; a partner their own; a superadmin any region's."""
        query = Module.select(
            Module.id,
            Module.region,
            Module.provider,
            Module.status,
            Module.version,
            Module.title,
            Module.competency_type,
            Module.topics,
            Module.jp_centi,
            Module.xp,
            Module.updated_at,
        )
        if Role.PARTNER in actor.roles and not actor.is_admin:
            query = query.where(Module.partner == actor.person_id)
        else:
            region = actor.listable_region(region_id)
            if region is not None:
                query = query.where(Module.region == region)
        if status is not None:
            query = query.where(Module.status == _status(status))
        if page.after_id is not None:
            query = query.where(Module.id < page.after_id)
        rows = await query.order_by(Module.id, ascending=False).limit(page.limit + 1)
        items = [
            AuthoredModuleItem(
                id=row["id"],
                region_id=row["region"],
                provider=row["provider"],
                status=row["status"],
                version=row["version"],
                title=row["title"],
                competency_type=row["competency_type"],
                topics=topics_list(row["topics"]),
                jp=jp_value(row["jp_centi"]),
                xp=row["xp"],
                updated_at=row["updated_at"],
            )
            for row in rows
        ]
        return page_of(items, page, lambda item: item.id)

    async def _placement(self, actor: Actor, region_id: int | None) -> tuple[int | None, int | None, str]:
        """Region, authoring partner and provider name of a new module."""
        if actor.is_admin:
            region_id = actor.administered_region(region_id)
            if region_id is None:
                return None, None, NATIONAL_PROVIDER
            return region_id, None, await _bkpsdm_of(region_id)
        if Role.PARTNER in actor.roles:
            if region_id is None:
                raise InvalidInput("module_region_required")
            if not await is_admitted(actor.person_id, region_id):
                raise Forbidden("partner_not_admitted")
            partner = await Person.select(Person.name).where(Person.id == actor.person_id).first()
            return region_id, actor.person_id, partner["name"]
        raise Forbidden("author_required")

    async def _readable(self, actor: Actor, module_id: int) -> dict:
        module = await Module.select().where(Module.id == module_id).first()
        if module is None or not _authors(actor, module):
            raise NotFound("module_not_found")
        return module

    async def _editable(self, actor: Actor, module_id: int) -> dict:
        module = await self._readable(actor, module_id)
        if module["status"] == ModuleStatus.ARCHIVED:
            raise Conflict("module_archived")
        if module["status"] == ModuleStatus.PUBLISHED and not _publishes(actor, module):
            raise Forbidden("module_published_admin_edits")
        return module

    def _check_publisher(self, actor: Actor, module: dict) -> None:
        if not _publishes(actor, module):
            raise Forbidden("module_publish_forbidden")


def _authors(actor: Actor, module: dict) -> bool:
    return module["partner"] == actor.person_id or _publishes(actor, module)


def _publishes(actor: Actor, module: dict) -> bool:
    """Admins of the module's region (superadmins for national modules) publish, archive and edit live."""
    if module["region"] is None:
        return actor.is_superadmin
    return actor.administers(module["region"])


def _status(raw: str) -> str:
    try:
        return ModuleStatus(raw).value
    except ValueError:
        raise InvalidInput("module_status_unknown") from None


async def _bkpsdm_of(region_id: int) -> str:
    region = await Region.select(Region.name).where(Region.id == region_id).first()
    if region is None:
        raise NotFound("region_not_found")
    return f"BKPSDM {region['name']}"
