"""An initiative's evidence files (photos, PDFs) beside its report's links: the team adds and removes them
while it works on the initiative; whoever may see the initiative may read them. The files live in the
evidence store certificates use (a directory or an S3-compatible bucket), keyed by their content."""

from __future__ import annotations

from dataclasses import dataclass

from domain.access import Actor
from domain.errors import Conflict, Forbidden, NotFound
from domain.evidence import check_evidence
from domain.initiatives import EVIDENCE_CHANGEABLE, MAX_EVIDENCE, Status
from gamification.innovation.initiatives import EvidenceView, Loaded, evidence_of, load, may_see
from gamification.storage.database import after_commit, unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.evidence import EvidenceStore
from gamification.storage.tables import Initiative, InitiativeEvidence


@dataclass(frozen=True)
class EvidenceFile:
    content: bytes
    content_type: str


class InitiativeEvidenceFiles:
    def __init__(self, store: EvidenceStore, max_bytes: int) -> None:
        self._store = store
        self.max_bytes = max_bytes

    async def add(
        self, actor: Actor, initiative_id: int, content: bytes, content_type: str | None
    ) -> tuple[EvidenceView, bool]:
        """A team member's file (PDF, JPEG, PNG or WebP by its bytes) while the team works on the initiative;
        the same file again answers the one stored (and False: nothing new)."""
        await _for_team(actor, initiative_id)
        evidence = check_evidence(content, content_type, self.max_bytes)
        key = evidence.initiative_key(initiative_id)
        stored = await _stored(initiative_id, key)
        if stored is not None:
            return stored, False
        await _check_room(initiative_id)  # before storing: a refused file is never written
        await self._store.put(key, content, evidence.content_type.value)
        try:
            async with unit_of_work():
                await _check_room(initiative_id, lock=True)
                await InitiativeEvidence.insert(
                    InitiativeEvidence(
                        initiative=initiative_id,
                        key=key,
                        content_type=evidence.content_type.value,
                        size=evidence.size,
                        uploaded_by=actor.person_id,
                    )
                )
        except Exception as error:
            stored = await _stored(initiative_id, key)
            if stored is not None and is_unique_violation(error):  # the same file raced in and won
                return stored, False
            if stored is None:
                await self._store.delete(key)  # this file belongs to nothing
            raise
        return await _stored(initiative_id, key), True

    async def list(self, actor: Actor, initiative_id: int) -> list[EvidenceView]:
        """The files of an initiative the caller may see."""
        await _visible(actor, initiative_id)
        return await evidence_of(initiative_id)

    async def read(self, actor: Actor, initiative_id: int, evidence_id: int) -> EvidenceFile:
        """One file, for whoever may see the initiative."""
        await _visible(actor, initiative_id)
        row = await _row(initiative_id, evidence_id)
        content = await self._store.get(row["key"])
        if content is None:
            raise NotFound("initiative_evidence_not_found")
        return EvidenceFile(content, row["content_type"])

    async def remove(self, actor: Actor, initiative_id: int, evidence_id: int) -> None:
        """A team member removes a file while the team works on the initiative; the stored file goes after commit."""
        await _for_team(actor, initiative_id)
        row = await _row(initiative_id, evidence_id)
        async with unit_of_work():
            await _check_changeable(initiative_id)
            await InitiativeEvidence.delete().where(InitiativeEvidence.id == evidence_id)
            after_commit(("evidence", row["key"]), lambda: self._store.delete(row["key"]))


async def _visible(actor: Actor, initiative_id: int) -> Loaded:
    found = await load(initiative_id)
    if found is None or not may_see(actor, found):
        raise NotFound("initiative_not_found")
    return found


async def _for_team(actor: Actor, initiative_id: int) -> Loaded:
    found = await _visible(actor, initiative_id)
    if actor.person_id not in found.team:
        raise Forbidden("initiative_team_only")
    return found


async def _check_changeable(initiative_id: int, lock: bool = True) -> None:
    """With ``lock``, inside the writing transaction, the initiative's row taken on PostgreSQL: a move racing
    an upload either comes first (and the upload is refused) or waits for it; so does a second upload
    counting the files (SQLite lets one writer in at a time anyway)."""
    query = Initiative.select(Initiative.status).where(Initiative.id == initiative_id)
    if lock and Initiative._meta.db.engine_type == "postgres":
        query = query.lock_rows()
    row = await query.first()
    if row is None:
        raise NotFound("initiative_not_found")
    if Status(row["status"]) not in EVIDENCE_CHANGEABLE:
        raise Conflict("initiative_wrong_state", status=row["status"])


async def _check_room(initiative_id: int, lock: bool = False) -> None:
    """The team still works on it, and it has fewer than ``MAX_EVIDENCE`` files."""
    await _check_changeable(initiative_id, lock)
    count = await InitiativeEvidence.count().where(InitiativeEvidence.initiative == initiative_id)
    if count >= MAX_EVIDENCE:
        raise Conflict("initiative_evidence_full", max=MAX_EVIDENCE)


async def _row(initiative_id: int, evidence_id: int) -> dict:
    row = (
        await InitiativeEvidence.select()
        .where((InitiativeEvidence.id == evidence_id) & (InitiativeEvidence.initiative == initiative_id))
        .first()
    )
    if row is None:
        raise NotFound("initiative_evidence_not_found")
    return row


async def _stored(initiative_id: int, key: str) -> EvidenceView | None:
    rows = await InitiativeEvidence.select(InitiativeEvidence.id).where(
        (InitiativeEvidence.initiative == initiative_id) & (InitiativeEvidence.key == key)
    )
    if not rows:
        return None
    return next(view for view in await evidence_of(initiative_id) if view.id == rows[0]["id"])
