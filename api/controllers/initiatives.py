"""The innovation-reward scheme: initiatives, their moves, the showcase and replications."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.datastructures import UploadFile
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, MultipartBody, QueryParameter

from api.http.errors import ApiError
from api.http.paging import ListResponse, list_response, page_request
from api.http.params import Cursor, Limit, PathId
from api.schemas.initiatives import (
    CommentIn,
    ImplementationIn,
    InitiativeEditIn,
    InitiativeIn,
    ReplicationIn,
    ReviewIn,
    VerifyIn,
)
from domain.evidence import CEILING_BYTES, EvidenceType
from gamification.innovation.evidence import InitiativeEvidenceFiles
from gamification.innovation.initiatives import EvidenceView, Initiatives, InitiativeView

Service = NamedDependency[Initiatives]
Files = NamedDependency[InitiativeEvidenceFiles]
MULTIPART_SLACK = 64_000  # the form's boundaries and headers around the file


class InitiativeController(Controller):
    path = "/api/v1/initiatives"
    tags = ["initiatives"]

    @post("/", opt={"audit": False})
    async def create(
        self, request: Request, data: JSONBody[InitiativeIn], initiatives: Service
    ) -> Response[InitiativeView]:
        """A draft: ``category`` service_digitisation, data, automation, citizen_channel or other; ``team`` colleague ids
        (the caller is on the team). With ``client_id`` a resent create answers the first draft (200)."""
        view, replayed = await initiatives.create(request.user, **msgspec.structs.asdict(data))
        return Response(view, status_code=200 if replayed else 201)

    @get("/")
    async def list(
        self,
        request: Request,
        initiatives: Service,
        status: Annotated[str | None, QueryParameter(max_length=20)] = None,
        region: Annotated[
            str | None, QueryParameter(max_length=64, description="A region's slug (pontianak) or id")
        ] = None,
        q: Annotated[str | None, QueryParameter(max_length=100, description="Part of the title or solution")] = None,
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> ListResponse[InitiativeView]:
        """``status=verified`` (or implemented) is the showcase of every region; other states list what the caller
        may see (their team's, their scope's, their region's). ``region`` narrows to one region, named by its slug
        (``region=pontianak``) or id; an unknown one is ``404 region_not_found``."""
        page = await initiatives.list(request.user, page_request(cursor, limit), status, region, q)
        return list_response(page)

    @get("/{initiative_id:int}")
    async def read(self, request: Request, initiative_id: PathId, initiatives: Service) -> InitiativeView:
        """One initiative with its team, every move (who by name, when, comment; "ASN" for a person who hid their
        name or was anonymised), the units that replicated it (unit, agency, region, when) and its evidence files."""
        return await initiatives.get(request.user, initiative_id)

    @patch("/{initiative_id:int}", opt={"audit": False})
    async def edit(
        self, request: Request, initiative_id: PathId, data: JSONBody[InitiativeEditIn], initiatives: Service
    ) -> InitiativeView:
        """The team edits a draft, or one sent back for revision: only the fields sent change (``title``, ``problem``,
        ``solution``, ``category``, ``team``: the whole new team, the caller stays on it); a field sent as null is
        ``422 initiative_field_required``, an unknown field is refused."""
        return await initiatives.update(request.user, initiative_id, data.changes())

    @post("/{initiative_id:int}/submit", status_code=200, opt={"audit": False})
    async def submit(
        self, request: Request, initiative_id: PathId, data: JSONBody[CommentIn], initiatives: Service
    ) -> InitiativeView:
        """The team submits (again, after a revision); the body may be ``{}``."""
        return await initiatives.submit(request.user, initiative_id, data.comment)

    @post("/{initiative_id:int}/review", status_code=200)
    async def review(
        self, request: Request, initiative_id: PathId, data: JSONBody[ReviewIn], initiatives: Service
    ) -> InitiativeView:
        """``approve``, ``reject`` or ``revise``: a manager over the unit (or the region's admin), not on the team."""
        return await initiatives.review(request.user, initiative_id, data.decision, data.comment)

    @post("/{initiative_id:int}/implementation", status_code=200, opt={"audit": False})
    async def implementation(
        self, request: Request, initiative_id: PathId, data: JSONBody[ImplementationIn], initiatives: Service
    ) -> InitiativeView:
        """The team reports what changed: a summary, before/after metrics and links."""
        return await initiatives.report(request.user, initiative_id, data.summary, data.metrics, data.links)

    @post("/{initiative_id:int}/verify", status_code=200)
    async def verify(
        self, request: Request, initiative_id: PathId, data: JSONBody[VerifyIn], initiatives: Service
    ) -> InitiativeView:
        """``verify`` with ``impact`` unit, agency, region or national (above the unit, a decider at that level), or
        ``return``. A verified initiative earns every team member XP by its impact."""
        return await initiatives.verify(request.user, initiative_id, data.decision, data.impact, data.comment)

    @post("/{initiative_id:int}/replications", status_code=201)
    async def replicate(
        self, request: Request, initiative_id: PathId, data: JSONBody[ReplicationIn], initiatives: Service
    ) -> InitiativeView:
        """Another unit took it up (recorded by its manager or admin): the team earns a bonus once per unit."""
        return await initiatives.replicate(request.user, initiative_id, data.unit_id, data.note)

    @post(
        "/{initiative_id:int}/evidence",
        opt={"audit": False, "problems": (415,)},
        request_max_body_size=CEILING_BYTES + MULTIPART_SLACK,
    )
    async def add_evidence(
        self,
        request: Request,
        initiative_id: PathId,
        data: MultipartBody[dict[str, UploadFile]],
        initiative_evidence_files: Files,
    ) -> Response[EvidenceView]:
        """Add an evidence file as ``multipart/form-data`` with one part named ``file``: a photo (JPEG, PNG, WebP) or
        a PDF, recognised by its content (``415 evidence_type_not_allowed``, ``415 evidence_type_mismatch``), at most
        ``TANGKAS_EVIDENCE_MAX_BYTES`` (``413 evidence_too_large``), up to 10 per initiative. The team, while the
        initiative is a draft, sent back for revision, approved or returned; the same file again answers 200."""
        upload = data.get("file")
        if not isinstance(upload, UploadFile):
            raise ApiError(400, "evidence_file_required")
        content = await upload.read()
        view, added = await initiative_evidence_files.add(request.user, initiative_id, content, upload.content_type)
        return Response(view, status_code=201 if added else 200)

    @get("/{initiative_id:int}/evidence")
    async def list_evidence(
        self, request: Request, initiative_id: PathId, initiative_evidence_files: Files
    ) -> list[EvidenceView]:
        """The initiative's evidence files (type, size, who added it, when), for whoever may see the initiative."""
        return await initiative_evidence_files.list(request.user, initiative_id)

    @get(
        "/{initiative_id:int}/evidence/{evidence_id:int}",
        opt={"media_types": tuple(EvidenceType)},
        media_type="application/octet-stream",
    )
    async def evidence_file(
        self,
        request: Request,
        initiative_id: PathId,
        evidence_id: FromPath[PathId],
        initiative_evidence_files: Files,
    ) -> Response[bytes]:
        """One evidence file, with its own content type, for whoever may see the initiative."""
        found = await initiative_evidence_files.read(request.user, initiative_id, evidence_id)
        headers = {"Content-Disposition": "attachment", "X-Content-Type-Options": "nosniff", "Cache-Control": "private"}
        return Response(found.content, media_type=found.content_type, headers=headers)

    @delete("/{initiative_id:int}/evidence/{evidence_id:int}", opt={"audit": False})
    async def remove_evidence(
        self,
        request: Request,
        initiative_id: PathId,
        evidence_id: FromPath[PathId],
        initiative_evidence_files: Files,
    ) -> None:
        """The team removes an evidence file, in the states it may add one."""
        await initiative_evidence_files.remove(request.user, initiative_id, evidence_id)
