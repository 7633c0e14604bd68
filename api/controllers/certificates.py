"""Certificates and training records from outside Tangkas: the ASN's records and evidence, the deciders'
queue and decisions, and the admin's import of a training body's completion list."""

from __future__ import annotations

import msgspec
from litestar import Controller, Request, Response, get, post, put
from litestar.datastructures import UploadFile
from litestar.di import NamedDependency
from litestar.params import JSONBody, MultipartBody

from api.http.errors import ApiError
from api.http.guards import admin_guard
from api.http.messages import message, preferred_language
from api.http.paging import ListResponse, list_response, page_request
from api.http.params import Cursor, Limit, OptionalId, PathId
from api.schemas.certificates import CertificateEditIn, CertificateIn, GrantIn, ReturnIn, WithdrawIn
from api.schemas.people import ImportResponse, ImportRowError
from domain.evidence import CEILING_BYTES, EvidenceType
from gamification.certificates.certificate_import import CertificateImport
from gamification.certificates.certificates import Certificates
from gamification.certificates.decisions import CertificateDecisions
from gamification.certificates.records import CertificateView

MULTIPART_SLACK = 64_000  # the form's boundaries and headers around the file
IMPORT_MAX_BYTES = 5_000_000


class CertificateController(Controller):
    path = "/api/v1/certificates"
    tags = ["certificates"]

    @post("/", opt={"audit": False})
    async def create(
        self, request: Request, data: JSONBody[CertificateIn], certificates: NamedDependency[Certificates]
    ) -> Response[CertificateView]:
        """Record a certificate or training done elsewhere: ``issuer``, ``number`` (when it has one), ``title``,
        ``completed_on`` (this year or the last), ``jp_claimed`` (up to 100, two decimals), ``competency_type``
        teknis, manajerial or sosial_kultural. Then attach its evidence. The same issuer and number (however spelt)
        verified for anyone, or still open for the caller, is ``409 certificate_duplicate``; with ``client_id`` a resent create
        answers the first record (200)."""
        view, replayed = await certificates.create(request.user, **msgspec.structs.asdict(data))
        return Response(view, status_code=200 if replayed else 201)

    @get("/")
    async def mine(
        self, request: Request, certificates: NamedDependency[Certificates], cursor: Cursor = None, limit: Limit = 20
    ) -> ListResponse[CertificateView]:
        """The caller's own records, newest first."""
        return list_response(await certificates.mine(request.user, page_request(cursor, limit)))

    @get("/{certificate_id:int}")
    async def read(
        self, request: Request, certificate_id: PathId, certificates: NamedDependency[Certificates]
    ) -> CertificateView:
        """One record: its owner's, or one a manager over them or their region's admin may decide."""
        return await certificates.get(request.user, certificate_id)

    @put(
        "/{certificate_id:int}/evidence",
        opt={"audit": False, "problems": (415,)},
        request_max_body_size=CEILING_BYTES + MULTIPART_SLACK,
    )
    async def attach_evidence(
        self,
        request: Request,
        certificate_id: PathId,
        data: MultipartBody[dict[str, UploadFile]],
        certificates: NamedDependency[Certificates],
    ) -> CertificateView:
        """Attach the evidence as ``multipart/form-data`` with one part named ``file`` (what a phone's HTTP client
        sends with a picked file or a photo): a PDF, JPEG, PNG or WebP, recognised by its content (a file whose
        part says another type is ``415 evidence_type_mismatch``; anything else ``415 evidence_type_not_allowed``),
        at most 5 MB by default (``413 evidence_too_large``). Only the owner, while the record is submitted or
        returned; a new file replaces the old one, the same file again changes nothing."""
        upload = data.get("file")
        if not isinstance(upload, UploadFile):
            raise ApiError(400, "evidence_file_required")
        content = await upload.read()
        return await certificates.attach_evidence(request.user, certificate_id, content, upload.content_type)

    @get(
        "/{certificate_id:int}/evidence",
        opt={"audit": True, "media_types": tuple(EvidenceType)},
        media_type="application/octet-stream",
    )
    async def evidence(
        self, request: Request, certificate_id: PathId, certificates: NamedDependency[Certificates]
    ) -> Response[bytes]:
        """The evidence file, with its own content type: for the owner, a manager over them, their region's admin."""
        found = await certificates.evidence(request.user, certificate_id)
        headers = {"Content-Disposition": "attachment", "X-Content-Type-Options": "nosniff", "Cache-Control": "private"}
        return Response(found.content, media_type=found.content_type, headers=headers)

    @post("/{certificate_id:int}/resubmit", status_code=200, opt={"audit": False})
    async def resubmit(
        self,
        request: Request,
        certificate_id: PathId,
        data: JSONBody[CertificateEditIn],
        certificates: NamedDependency[Certificates],
    ) -> CertificateView:
        """The owner sends a returned record again, corrected (every field, as when created)."""
        return await certificates.resubmit(request.user, certificate_id, **msgspec.structs.asdict(data))

    @post("/{certificate_id:int}/verify", status_code=200)
    async def verify(
        self,
        request: Request,
        certificate_id: PathId,
        data: JSONBody[GrantIn],
        certificate_decisions: NamedDependency[CertificateDecisions],
    ) -> CertificateView:
        """Verify with ``jp_granted`` (0–100; other than claimed only with a ``reason``): the owner is credited the
        JP and XP at once. A manager over the owner or their region's admin, never the owner; a decision is taken
        once (``409 already_decided``), the same one resent answers as the first. ``409 certificate_duplicate``
        when a record with the same issuer and number is verified already; ``409 certificate_evidence_missing``
        when the evidence file is not stored."""
        return await certificate_decisions.verify(request.user, certificate_id, data.jp_granted, data.reason)

    @post("/{certificate_id:int}/return", status_code=200)
    async def return_(
        self,
        request: Request,
        certificate_id: PathId,
        data: JSONBody[ReturnIn],
        certificate_decisions: NamedDependency[CertificateDecisions],
    ) -> CertificateView:
        """Return the record to its owner with a ``reason`` (what to correct or add); they may resubmit it."""
        return await certificate_decisions.return_(request.user, certificate_id, data.reason)

    # credentials: a verified record found false
    @post("/{certificate_id:int}/withdraw", status_code=200)
    async def withdraw(
        self,
        request: Request,
        certificate_id: PathId,
        data: JSONBody[WithdrawIn],
        certificate_decisions: NamedDependency[CertificateDecisions],
    ) -> CertificateView:
        """Withdraw a verified record's verification with a ``reason``: its JP and XP are taken back, its
        credentials revoked, its owner told. Deciders as for ``verify``; not verified is ``409
        certificate_not_verified``; withdrawn already, it answers as it stands."""
        return await certificate_decisions.withdraw(request.user, certificate_id, data.reason)


class CertificateQueueController(Controller):
    path = "/api/v1/manager/certificates"
    tags = ["manager"]

    @get("/")
    async def queue(
        self,
        request: Request,
        certificate_decisions: NamedDependency[CertificateDecisions],
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> ListResponse[CertificateView]:
        """Records waiting for the caller's decision (a manager's units, an admin's region), oldest first;
        ``duplicate_claims`` counts other open records with the same issuer and number."""
        return list_response(await certificate_decisions.queue(request.user, page_request(cursor, limit)))


class CertificateImportController(Controller):
    path = "/api/v1/admin/certificates"
    tags = ["admin"]
    guards = [admin_guard]

    @post("/import", status_code=200, request_max_body_size=IMPORT_MAX_BYTES)
    async def import_csv(
        self,
        request: Request,
        certificate_import: NamedDependency[CertificateImport],
        data: MultipartBody[dict[str, UploadFile]],
        partner_org_id: OptionalId = None,
    ) -> ImportResponse:
        """Import a diklat's completion list as verified certificates (CSV columns nip, title, issuer, number,
        completed_on, jp[, competency_type]) for people of the caller's region; ``partner_org_id`` names the
        training body. Each row credits JP and XP; bad rows are reported with their line, and a row imported
        before (the same issuer and number) is refused, so a file sent twice credits nothing twice."""
        upload = data.get("file")
        if not isinstance(upload, UploadFile):
            raise ApiError(400, "csv_file_required")
        report = await certificate_import.run(request.user, await upload.read(), partner_org_id)
        language = preferred_language(request.headers.get("accept-language"))
        errors = [ImportRowError(e.line, e.code, message(e.code, language, e.params)) for e in report.errors]
        return ImportResponse(report.imported, len(errors), report.created_ids, errors)
